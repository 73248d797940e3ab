// 统计口径 (tenant admin sets, supervisor reads): how analytics computes the hotline's rates — what
// one 基本满意 counts for in 满意率, what one 部分解决 counts for in 解决率, and whether terminated
// requests and evaluations judged unreasonable are left out. No official formula exists
// (domain.md §9.3), so each choice is the tenant's and every rates answer reports it as `basis`.
import { Button, Card, Descriptions, Form, InputNumber, Space } from 'antd';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/analytics';
import type { RateSettingsView } from '../api/views';
import { useT } from '../i18n';
import type { Session } from '../session/session';
import { PageTitle, ReadOnlyNote, SourceTag, useSettingsForm } from './settings-shared';
import { ProblemAlert } from './shared';
import { SwitchField } from './SwitchField';

type RateBody = paths['/v1/rate-settings']['put']['requestBody']['content']['application/json'];

const FIELDS: Record<string, [string, string]> = {
  basicallySatisfiedWeight: ['基本满意计入满意的权重', 'Weight of 基本满意 in the satisfaction rate'],
  partlyResolvedWeight: ['部分解决计入解决的权重', 'Weight of 部分解决 in the resolution rate'],
  excludeTerminated: ['剔除已终结诉求', 'Leave out terminated requests'],
  excludeUnreasonableEvaluations: ['剔除不合理差评', 'Leave out evaluations judged unreasonable'],
};

export function RateSettings({ session }: { session: Session }) {
  const t = useT();
  // Only the tenant admin sets them (the service refuses anyone else); supervisors read them.
  const canEdit = session.roles.includes('tenant-admin');
  const { form, settings, problem, busy, save, revert } = useSettingsForm<RateSettingsView, RateBody>({
    read: () => unwrap<RateSettingsView>(api.analytics.GET('/v1/rate-settings')),
    write: (v) =>
      unwrap<RateSettingsView>(api.analytics.PUT('/v1/rate-settings', {
        body: { basicallySatisfiedWeight: v.basicallySatisfiedWeight, partlyResolvedWeight: v.partlyResolvedWeight, excludeTerminated: v.excludeTerminated, excludeUnreasonableEvaluations: v.excludeUnreasonableEvaluations },
      })),
    toForm: (s) => s,
    savedMessage: () => ['统计口径已保存，此后的统计按新口径计算', 'Saved: the rates are computed this way from now on'],
  });
  const s = settings.data;
  const w2 = Form.useWatch('basicallySatisfiedWeight', form) ?? s?.basicallySatisfiedWeight ?? 1;
  const wp = Form.useWatch('partlyResolvedWeight', form) ?? s?.partlyResolvedWeight ?? 0;

  return (
    <Card
      title={<PageTitle>{t('统计口径', 'Rate settings')}</PageTitle>}
      extra={s && <SourceTag testId="rate-settings-source" own={!s.isDefault} ownLabel={['本热线口径', "This hotline's settings"]} defaultLabel={['平台默认口径', 'Platform defaults']} updatedAt={s.updatedAt} />}
    >
      <ProblemAlert error={problem} fields={FIELDS} />
      {!canEdit && <ReadOnlyNote what={['统计口径', 'these settings']} />}
      <Form<RateBody> form={form} layout="vertical" disabled={!canEdit || !s} onFinish={(v) => void save(v)} aria-label={t('统计口径', 'Rate settings')} style={{ maxWidth: 720 }}>
        <Form.Item
          name="basicallySatisfiedWeight"
          label={t('“基本满意”计入满意率的权重（0–1）', 'What one “basically satisfied” counts for in the satisfaction rate (0–1)')}
          htmlFor="rate-basically-satisfied"
          rules={[{ required: true, message: t('请填写 0 到 1 之间的权重', 'Enter a weight from 0 to 1') }]}
        >
          <InputNumber id="rate-basically-satisfied" min={0} max={1} step={0.1} precision={2} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          name="partlyResolvedWeight"
          label={t('“部分解决”计入解决率的权重（0–1）', 'What one “partly resolved” counts for in the resolution rate (0–1)')}
          htmlFor="rate-partly-resolved"
          rules={[{ required: true, message: t('请填写 0 到 1 之间的权重', 'Enter a weight from 0 to 1') }]}
        >
          <InputNumber id="rate-partly-resolved" min={0} max={1} step={0.1} precision={2} style={{ width: 140 }} />
        </Form.Item>
        <SwitchField name="excludeTerminated" id="rate-exclude-terminated" label={t('已终结的诉求（诉求终结）不计入各项比率', 'Leave terminated requests out of the rates')} on={t('剔除', 'Left out')} off={t('计入', 'Counted')} />
        <SwitchField
          name="excludeUnreasonableEvaluations"
          id="rate-exclude-unreasonable"
          label={t('认定为不合理的差评不计入满意率分母', 'Leave evaluations judged unreasonable out of the satisfaction denominator')}
          on={t('剔除', 'Left out')}
          off={t('计入', 'Counted')}
        />
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} data-testid="rate-formulas">
          <Descriptions.Item label={t('满意率', 'Satisfaction rate')}>
            {t(`（满意 + ${w2} × 基本满意）÷ 有效参评`, `(satisfied + ${w2} × basically satisfied) ÷ valid evaluations`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('解决率', 'Resolution rate')}>
            {t(`（解决 + ${wp} × 部分解决）÷ 有效参评`, `(resolved + ${wp} × partly resolved) ÷ valid evaluations`)}
          </Descriptions.Item>
        </Descriptions>
        {canEdit && (
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>{t('保存统计口径', 'Save rate settings')}</Button>
            <Button onClick={revert}>{t('还原', 'Revert')}</Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}

// 统计口径 (tenant admin sets, supervisor reads): how analytics computes the hotline's rates — what
// one 基本满意 counts for in 满意率, what one 部分解决 counts for in 解决率, and whether terminated
// requests and evaluations judged unreasonable are left out. No official formula exists
// (domain.md §9.3), so each choice is the tenant's and every rates answer reports it as `basis`.
import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Form, InputNumber, Space, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/analytics';
import type { RateSettingsView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { formatTime, ProblemAlert } from './shared';
import { SwitchField } from './SwitchField';

type RateBody = paths['/v1/rate-settings']['put']['requestBody']['content']['application/json'];

const FIELDS: Record<string, [string, string]> = {
  basicallySatisfiedWeight: ['基本满意计入满意的权重', 'Weight of 基本满意 in the satisfaction rate'],
  partlyResolvedWeight: ['部分解决计入解决的权重', 'Weight of 部分解决 in the resolution rate'],
  excludeTerminated: ['剔除已终结诉求', 'Leave out terminated requests'],
  excludeUnreasonableEvaluations: ['剔除不合理差评', 'Leave out evaluations judged unreasonable'],
};

/** Settings change rarely and are edited here: read again each minute, not every few seconds. */
const REFRESH_MS = 60_000;

export function RateSettings({ session }: { session: Session }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RateBody>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // Only the tenant admin sets them (the service refuses anyone else); supervisors read them.
  const canEdit = session.roles.includes('tenant-admin');
  const settings = usePolled(() => unwrap<RateSettingsView>(api.analytics.GET('/v1/rate-settings')), [], REFRESH_MS);
  const s = settings.data;
  useEffect(() => {
    // A refresh never overwrites what the admin is typing.
    if (s && !form.isFieldsTouched()) form.setFieldsValue(s);
  }, [s, form]);
  const w2 = Form.useWatch('basicallySatisfiedWeight', form) ?? s?.basicallySatisfiedWeight ?? 1;
  const wp = Form.useWatch('partlyResolvedWeight', form) ?? s?.partlyResolvedWeight ?? 0;

  const save = async (v: RateBody) => {
    setBusy(true);
    setError(undefined);
    try {
      const body: RateBody = {
        basicallySatisfiedWeight: v.basicallySatisfiedWeight,
        partlyResolvedWeight: v.partlyResolvedWeight,
        excludeTerminated: v.excludeTerminated,
        excludeUnreasonableEvaluations: v.excludeUnreasonableEvaluations,
      };
      const saved = await unwrap<RateSettingsView>(api.analytics.PUT('/v1/rate-settings', { body }));
      form.resetFields();
      form.setFieldsValue(saved);
      void message.success(t('统计口径已保存，此后的统计按新口径计算', 'Saved: the rates are computed this way from now on'));
      settings.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('统计口径', 'Rate settings')}</Typography.Title>}
      extra={
        s && (
          <span data-testid="rate-settings-source">
            {s.isDefault ? <Tag>{t('平台默认口径', 'Platform defaults')}</Tag> : <Tag color="blue">{t('本热线口径', "This hotline's settings")}</Tag>}
            {s.updatedAt ? <Typography.Text type="secondary">{t('更新于', 'Updated')} {formatTime(s.updatedAt, t.lang)}</Typography.Text> : null}
          </span>
        )
      }
    >
      <ProblemAlert error={error ?? settings.error} fields={FIELDS} />
      {!canEdit && <Typography.Paragraph type="secondary">{t('统计口径由热线管理员设置，此处仅供查看。', 'The tenant administrator sets these; shown here to read.')}</Typography.Paragraph>}
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
            <Button
              onClick={() => {
                form.resetFields();
                if (s) form.setFieldsValue(s);
              }}
            >
              {t('还原', 'Revert')}
            </Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}

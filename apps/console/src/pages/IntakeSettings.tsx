// 受理设置 (tenant admin): the hotline's intake policy (ADR 0034: the online response limit and its
// warning, the request types whose requester is 保密 by default) and its call policy (docs/calls.md:
// the thresholds of the phone rates and the callback clock), each saved whole, each saying whether
// it is the hotline's own or the platform default and where each default comes from.
import { Button, Card, Checkbox, Col, Descriptions, Form, InputNumber, Row, Space, Typography } from 'antd';
import { REQUEST_TYPE_LABELS, REQUEST_TYPES } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/intake';
import type { CallPolicyValues, CallPolicyView, IntakePolicyView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { PageTitle, SourceTag, useSettingsForm } from './settings-shared';
import { ProblemAlert } from './shared';
import { SwitchField } from './SwitchField';

type IntakeBody = paths['/v1/intake-policy']['put']['requestBody']['content']['application/json'];
type CallBody = paths['/v1/call-policy']['put']['requestBody']['content']['application/json'];

const INTAKE_FIELDS: Record<string, [string, string]> = {
  onlineResponseSeconds: ['网上诉求响应时限', 'Online response limit'],
  onlineWarningSeconds: ['即将超时提示', 'Warning'],
  confidentialTypes: ['默认保密的诉求类型', 'Types confidential by default'],
};
const CALL_FIELDS: Record<string, [string, string]> = {
  answerTimelySeconds: ['及时应答阈值', 'Timely answer threshold'],
  shortAbandonSeconds: ['短时呼损阈值', 'Short abandon threshold'],
  shortAbandonsCounted: ['短时呼损计入呼入量', 'Short abandons counted'],
  callbackShortAbandons: ['短时呼损也回拨', 'Call short abandons back'],
  callbackDueMinutes: ['回拨时限', 'Callback due'],
  callbackMaxAttempts: ['最多回拨次数', 'Callback attempts'],
};

/** intake's DEFAULT_INTAKE_POLICY and where each value comes from (ADR 0034; the API gives the values only). */
const INTAKE_DEFAULT_SOURCES = (t: Translate) => ({
  onlineResponseSeconds: t('180 秒：GB/T 33358-2016 短信等媒体 3 分钟内响应，征求意见稿编制说明对互联网渠道同样要求', '180 s: GB/T 33358-2016 (other media within 3 minutes), repeated for internet channels by the draft standard'),
  onlineWarningSeconds: t('120 秒：平台默认（超时前一分钟提示，便于调度话务员）', '120 s: platform default (a minute before the limit, time to move an agent)'),
  confidentialTypes: t('举报：举报人身份曾经网上举报泄露给被举报方（domain.md §14）；GB/T 33358 仅要求依申请保密，可设为空', 'Report: a reporter’s identity once reached the reported party (domain.md §14); GB/T 33358 asks 保密 only on request, so it may be empty'),
});

function IntakePolicyCard() {
  const t = useT();
  const { form, settings, problem, busy, save, revert } = useSettingsForm<IntakePolicyView, IntakeBody>({
    read: () => unwrap<IntakePolicyView>(api.intake.GET('/v1/intake-policy')),
    write: (v) =>
      unwrap<IntakePolicyView>(api.intake.PUT('/v1/intake-policy', {
        body: { onlineResponseSeconds: v.onlineResponseSeconds, onlineWarningSeconds: v.onlineWarningSeconds, confidentialTypes: v.confidentialTypes ?? [] },
      })),
    toForm: (p) => p,
    savedMessage: () => ['受理设置已保存：此后提交的网上诉求按新时限计时', 'Saved: online submissions from now on run on the new limit'],
  });
  const p = settings.data;
  const sources = INTAKE_DEFAULT_SOURCES(t);

  return (
    <Card
      title={<PageTitle>{t('网上诉求与保密', 'Online submissions and confidentiality')}</PageTitle>}
      extra={p && <SourceTag own={p.source === 'tenant'} updatedAt={p.updatedAt} testId="intake-policy-source" />}
    >
      <ProblemAlert error={problem} fields={INTAKE_FIELDS} />
      <Form<IntakeBody> form={form} layout="vertical" disabled={!p} onFinish={(v) => void save(v)} aria-label={t('网上诉求与保密', 'Online submissions and confidentiality')}>
        <Space wrap align="start">
          <Form.Item
            name="onlineResponseSeconds"
            label={t('网上诉求响应时限（秒）', 'Online response limit (seconds)')}
            htmlFor="intake-response-seconds"
            rules={[{ required: true, message: t('请填写 10 到 86400 秒', 'Enter 10 to 86400 seconds') }]}
          >
            <InputNumber id="intake-response-seconds" min={10} max={86_400} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="onlineWarningSeconds"
            label={t('提交后多少秒提示即将超时（0 为不提示）', 'Warn after (seconds; 0: no warning)')}
            htmlFor="intake-warning-seconds"
            dependencies={['onlineResponseSeconds']}
            rules={[
              { required: true, message: t('请填写秒数', 'Enter the seconds') },
              ({ getFieldValue }) => ({
                validator: (_, v: number | undefined) =>
                  !v || v < (getFieldValue('onlineResponseSeconds') as number) ? Promise.resolve() : Promise.reject(new Error(t('提示须早于响应时限', 'The warning must come before the limit'))),
              }),
            ]}
          >
            <InputNumber id="intake-warning-seconds" min={0} max={86_400} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="confidentialTypes" label={t('默认保密的诉求类型（话务员可逐件改变）', 'Types whose requester is confidential by default (the agent may change each)')}>
          <Checkbox.Group options={REQUEST_TYPES.map((r) => ({ value: r, label: t.label(REQUEST_TYPE_LABELS[r], r) }))} />
        </Form.Item>
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} title={<Typography.Text strong>{t('平台默认值及来源', 'Platform defaults and their sources')}</Typography.Text>} data-testid="intake-policy-defaults">
          <Descriptions.Item label={t('响应时限', 'Limit')}>{sources.onlineResponseSeconds}</Descriptions.Item>
          <Descriptions.Item label={t('即将超时提示', 'Warning')}>{sources.onlineWarningSeconds}</Descriptions.Item>
          <Descriptions.Item label={t('默认保密类型', 'Confidential types')}>{sources.confidentialTypes}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary">{t('已在排队的网上诉求保持提交时的时限。', 'Submissions already waiting keep the clock they started with.')}</Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t('保存受理设置', 'Save intake settings')}</Button>
          <Button onClick={revert}>{t('还原', 'Revert')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

function CallPolicyCard() {
  const t = useT();
  const { form, settings, problem, busy, save, revert } = useSettingsForm<CallPolicyView, CallBody>({
    read: () => unwrap<CallPolicyView>(api.intake.GET('/v1/call-policy')),
    write: (v) =>
      unwrap<CallPolicyView>(api.intake.PUT('/v1/call-policy', {
        body: {
          answerTimelySeconds: v.answerTimelySeconds,
          shortAbandonSeconds: v.shortAbandonSeconds,
          shortAbandonsCounted: v.shortAbandonsCounted,
          callbackShortAbandons: v.callbackShortAbandons,
          callbackDueMinutes: v.callbackDueMinutes,
          callbackMaxAttempts: v.callbackMaxAttempts,
        },
      })),
    toForm: (p) => p,
    savedMessage: () => ['话务口径已保存：话务统计按新阈值重新计算', 'Saved: the call rates are recounted with the new thresholds'],
  });
  const p = settings.data;
  /** "默认 15 · GB/T 33358-2016 …": the default of a field and its source as the service states it. */
  const byDefault = (field: keyof CallPolicyValues, unit = '') => {
    if (!p) return undefined;
    const v = p.defaults.values[field];
    const shown = typeof v === 'boolean' ? (v ? t('是', 'yes') : t('否', 'no')) : `${v}${unit}`;
    return `${t('默认', 'Default')} ${shown} · ${p.defaults.sources[field]}`;
  };

  const number = (name: keyof CallBody, id: string, label: string, min: number, max: number, unit: string) => (
    <Form.Item name={name} label={label} htmlFor={id} extra={byDefault(name, unit)} rules={[{ required: true, message: t(`请填写 ${min} 到 ${max}`, `Enter ${min} to ${max}`) }]}>
      <InputNumber id={id} min={min} max={max} precision={0} style={{ width: 160 }} />
    </Form.Item>
  );

  return (
    <Card
      title={<PageTitle>{t('话务口径与漏接回拨', 'Call thresholds and callbacks')}</PageTitle>}
      extra={p && <SourceTag own={p.source === 'tenant'} updatedAt={p.updatedAt} testId="call-policy-source" />}
    >
      <ProblemAlert error={problem} fields={CALL_FIELDS} />
      <Form<CallBody> form={form} layout="vertical" disabled={!p} onFinish={(v) => void save(v)} aria-label={t('话务口径与漏接回拨', 'Call thresholds and callbacks')}>
        {number('answerTimelySeconds', 'call-answer-timely', t('及时应答阈值（秒，人工应答及时率）', 'Timely answer within (seconds)'), 1, 600, t(' 秒', ' s'))}
        {number('shortAbandonSeconds', 'call-short-abandon', t('短时呼损阈值（秒）', 'Short abandon within (seconds)'), 0, 60, t(' 秒', ' s'))}
        <SwitchField name="shortAbandonsCounted" id="call-short-counted" label={t('短时呼损计入呼入量（人工接通率分母）', 'Count short abandons as offered (answer-rate denominator)')} on={t('计入', 'Counted')} off={t('不计入', 'Left out')} />
        {p && <Typography.Paragraph type="secondary" style={{ marginTop: -16 }}>{byDefault('shortAbandonsCounted')}</Typography.Paragraph>}
        <SwitchField name="callbackShortAbandons" id="call-callback-short" label={t('短时呼损也进入漏接回拨', 'Short abandons get a callback too')} on={t('回拨', 'Called back')} off={t('不回拨', 'Not called back')} />
        {p && <Typography.Paragraph type="secondary" style={{ marginTop: -16 }}>{byDefault('callbackShortAbandons')}</Typography.Paragraph>}
        {number('callbackDueMinutes', 'call-callback-due', t('回拨时限（漏接后分钟数）', 'Call back within (minutes of the missed call)'), 1, 10_080, t(' 分钟', ' min'))}
        {number('callbackMaxAttempts', 'call-callback-attempts', t('最多回拨次数（无人接听、占线）', 'Attempts at most (no answer, busy)'), 1, 10, '')}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t('保存话务口径', 'Save call thresholds')}</Button>
          <Button onClick={revert}>{t('还原', 'Revert')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

export function IntakeSettings() {
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={12}>
        <IntakePolicyCard />
      </Col>
      <Col xs={24} xl={12}>
        <CallPolicyCard />
      </Col>
    </Row>
  );
}

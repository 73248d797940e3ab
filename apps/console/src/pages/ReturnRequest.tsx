// 退单: the primary unit returns an order that is not its to handle, with the reason (one of the
// codes the hotline accepts) and the basis (理由和依据), inside the return window; the hotline then
// decides it in dispute review (争议审核). The unit may name the unit it thinks right (建议承办单位,
// a unit code of the directory, checked by dispatch). The page reads the unit's own returns of the
// request back (GET /v1/dispatches/{requestId}/returns), so the review's outcome, a rejection
// with its note included, reaches the unit; an accepted one also cancels the order.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { RETURN_REASON_LABELS, RETURN_REASONS, RETURN_STATUS_LABELS, type ReturnReason } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import { Problem } from '../api/problem';
import type { ReturnView, WorkOrderView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

interface ReturnForm {
  reasonCode: ReturnReason;
  basis: string;
  suggestedUnitCode?: string;
}

const FIELDS: Record<string, [string, string]> = { reasonCode: ['退单理由', 'Reason'], basis: ['理由和依据', 'Basis'], suggestedUnitCode: ['建议承办单位代码', 'Suggested unit code'] };

/** The unit's own returns of the request, latest first; none yet is dispatch's 404 (it tells a unit nothing of others' returns). */
async function ownReturns(requestId: string): Promise<ReturnView[]> {
  try {
    const { items } = await unwrap<{ items: ReturnView[] }>(api.dispatch.GET('/v1/dispatches/{requestId}/returns', { params: { path: { requestId } } }));
    return [...items].sort((a, b) => b.returnedAt.localeCompare(a.returnedAt));
  } catch (err) {
    if (err instanceof Problem && err.body.status === 404) return [];
    throw err;
  }
}

function Filed({ ret }: { ret: ReturnView }) {
  const t = useT();
  return (
    <Descriptions bordered size="small" column={2} data-testid="return-filed">
      <Descriptions.Item label={t('退单状态', 'Return')}><span data-testid="return-state">{t.label(RETURN_STATUS_LABELS[ret.status], ret.status)}</span></Descriptions.Item>
      <Descriptions.Item label={t('退单时间', 'Filed')}>{formatTime(ret.returnedAt, t.lang)}</Descriptions.Item>
      <Descriptions.Item label={t('退单理由', 'Reason')}>{t.label(RETURN_REASON_LABELS[ret.reasonCode], ret.reasonCode)}</Descriptions.Item>
      <Descriptions.Item label={t('退单时限', 'Return window')}>{formatTime(ret.windowDueAt, t.lang)}</Descriptions.Item>
      <Descriptions.Item label={t('理由和依据', 'Basis')} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{ret.basis}</span></Descriptions.Item>
      {ret.suggestedUnit && <Descriptions.Item label={t('建议承办单位', 'Suggested unit')} span={2}>{ret.suggestedUnit.unitName ?? ret.suggestedUnit.unitCode}</Descriptions.Item>}
      {ret.status !== 'in-review' && (
        <Descriptions.Item label={t('审核意见', 'Decision note')} span={2}><span data-testid="return-decision-note">{ret.decisionNote ?? '—'}</span> · {formatTime(ret.decidedAt, t.lang)}</Descriptions.Item>
      )}
    </Descriptions>
  );
}

export function ReturnRequest({ order }: { order: WorkOrderView }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReturnForm>();
  const returns = usePolled(() => (order.role === 'primary' ? ownReturns(order.requestId) : Promise.resolve([])), [order.requestId, order.role], 30_000);
  const ret = returns.data?.[0];
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // 协办 units cannot return (403); an answered or closed order is past returning.
  if (order.role !== 'primary') return null;
  const title = <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('退单', 'Return the order')}</Typography.Title>;
  if (order.status === 'cancelled' && order.cancelReason === 'return-accepted')
    return (
      <Card size="small" title={title}>
        <Alert type="success" showIcon data-testid="return-accepted" message={t('退单成立：热线已将诉求改派，本工单已撤销', 'Return accepted: the hotline re-dispatches the request; this order is withdrawn')} />
      </Card>
    );
  if (ret)
    return (
      <Card size="small" title={title}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {ret.status === 'in-review' && <Alert type="info" showIcon message={t('已提交热线争议审核；审核期间请继续按时限办理', 'Sent to the hotline’s dispute review; keep to the order’s clocks meanwhile')} />}
          {ret.status === 'rejected' && (
            <Alert type="warning" showIcon data-testid="return-rejected" message={t('退单不成立：热线审核认为应由本单位办理，请按时限继续办理', 'Return rejected: the hotline holds the order is yours; handle it within its clocks')} />
          )}
          <Filed ret={ret} />
        </Space>
      </Card>
    );
  if (order.status !== 'awaiting-sign' && order.status !== 'in-progress') return null;
  if (!returns.data) return returns.error ? <ProblemAlert error={returns.error} /> : null;
  const submit = async (v: ReturnForm) => {
    setError(undefined);
    setBusy(true);
    try {
      const suggested = v.suggestedUnitCode?.trim();
      await unwrap<ReturnView>(
        api.dispatch.POST('/v1/dispatches/{requestId}/returns', {
          params: { path: { requestId: order.requestId } },
          body: { reasonCode: v.reasonCode, basis: v.basis.trim(), ...(suggested ? { suggestedUnitCode: suggested } : {}) },
        }),
      );
      returns.reload();
      void message.success(t('已退单，等待热线审核', 'Returned: the hotline reviews it'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={title}>
      {!open ? (
        <Space>
          <Button onClick={() => setOpen(true)}>{t('申请退单', 'Return this order')}</Button>
          <Typography.Text type="secondary">{t('不属于本单位职责的工单，须在退单时限内说明理由和依据', 'An order outside your duties is returned inside the return window, with the reason and its basis')}</Typography.Text>
        </Space>
      ) : (
        <Form<ReturnForm> form={form} layout="vertical" aria-label={t('退单', 'Return the order')} onFinish={(v) => void submit(v)}>
          <ProblemAlert error={error} fields={FIELDS} />
          <Form.Item name="reasonCode" label={t('退单理由', 'Reason')} htmlFor="return-reason" rules={[{ required: true, message: t('请选择退单理由', 'Choose the reason') }]}>
            <Select<ReturnReason> id="return-reason" showSearch optionFilterProp="label" style={{ maxWidth: 360 }} options={RETURN_REASONS.map((r) => ({ value: r, label: t.label(RETURN_REASON_LABELS[r], r) }))} />
          </Form.Item>
          <Form.Item name="basis" label={t('理由和依据（法规、三定规定或权责清单）', 'Basis (law, 三定 rule or duty list)')} htmlFor="return-basis" rules={[{ required: true, whitespace: true, message: t('请填写理由和依据', 'Give the basis') }]}>
            <Input.TextArea id="return-basis" rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="suggestedUnitCode"
            label={t('建议承办单位代码（选填，如 env）', 'Code of the unit you think is right (optional, e.g. env)')}
            htmlFor="return-suggested-unit"
            rules={[{ pattern: /^\s*[0-9A-Za-z][0-9A-Za-z-]{0,39}\s*$/, message: t('单位代码为字母、数字和连字符', 'A unit code has letters, digits and dashes') }]}
          >
            <Input id="return-suggested-unit" maxLength={40} style={{ maxWidth: 360 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>{t('提交退单', 'Return it')}</Button>
            <Button onClick={() => setOpen(false)}>{t('取消', 'Cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}

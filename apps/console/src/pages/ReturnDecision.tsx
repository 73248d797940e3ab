// 争议审核 of one return: the request, the returning unit's order and its reason side by side;
// accept (the unit is excluded and the request re-dispatched at once to the unit chosen here, or
// left in the manual queue) or reject (the unit keeps the order, clocks as they ran), with the
// note the decision needs. Ctrl+Enter in the note decides, Esc closes.
import { type KeyboardEvent, useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { ASSIGNMENT_ROLE_LABELS, RETURN_REASON_LABELS, URGENCY_LABELS, WORK_ORDER_STATUS_LABELS, type ReturnDecision as Decision } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import { Problem } from '../api/problem';
import type { DispatchView, Page, ReturnListItemView, ReturnPolicyView, WorkOrderView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert, useUnits } from './shared';

interface DecisionForm {
  decision: Decision;
  note: string;
  primaryUnitId?: string;
  assistingUnitIds?: string[];
  firstResponsible?: boolean;
}

const FIELDS: Record<string, [string, string]> = {
  note: ['审核意见', 'Note'],
  decision: ['审核结论', 'Decision'],
  primaryUnitId: ['改派主办单位', 'Next primary unit'],
  assistingUnitIds: ['协办单位', 'Assisting units'],
};

/** already_decided names another desk's decision here, not the online queue's (problem.ts). */
const asReturnProblem = (err: unknown) =>
  err instanceof Problem && err.body.code === 'already_decided' ? new Problem({ ...err.body, code: 'return_already_decided' }) : err;

/** Whether the next dispatch of the request is designated (指定办理): the tenant's maximum attempt reached. */
export const nextIsDesignated = (dispatch: DispatchView | undefined, policy: ReturnPolicyView | undefined) =>
  dispatch !== undefined && policy !== undefined && dispatch.attempt + 1 >= policy.maxDispatchAttempts;

export function ReturnDecisionPanel({ row, policy, onDone, onClose }: { row: ReturnListItemView; policy: ReturnPolicyView | undefined; onDone: () => void; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionForm>();
  const decision = Form.useWatch('decision', form);
  const primary = Form.useWatch('primaryUnitId', form);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // Accepted already but the re-dispatch failed: a retry re-dispatches only.
  const [accepted, setAccepted] = useState(false);
  const ret = row;
  const { request, requestId } = row;
  const dispatch = usePolled(() => unwrap<DispatchView>(api.dispatch.GET('/v1/dispatches/{requestId}', { params: { path: { requestId } } })), [requestId], 30_000);
  const orders = usePolled(() => unwrap<Page<WorkOrderView>>(api.handling.GET('/v1/work-orders', { params: { query: { requestId, limit: 20 } } })), [requestId], 30_000);
  const units = useUnits();
  const order = orders.data?.items.find((o) => o.unitCode === ret.unit.unitCode && o.role === 'primary');
  const excluded = new Set([...(dispatch.data?.excludedUnitIds ?? []), ret.unit.unitId]);
  const options = (units.data?.items ?? []).filter((u) => !excluded.has(u.id) && u.active).map((u) => ({ value: u.id, label: u.name }));
  const suggested = ret.suggestedUnit;
  const designated = nextIsDesignated(dispatch.data, policy);
  const open = ret.status === 'in-review' || accepted;

  const submit = async (v: DecisionForm) => {
    setError(undefined);
    setBusy(true);
    try {
      if (!accepted) await unwrap(api.dispatch.POST('/v1/returns/{returnId}/decision', { params: { path: { returnId: ret.id } }, body: { decision: v.decision, note: v.note } }));
      if (v.decision === 'accept') setAccepted(true);
      if (v.decision === 'accept' && v.primaryUnitId) {
        await unwrap(
          api.dispatch.POST('/v1/dispatch-queue/{requestId}/assign', {
            params: { path: { requestId } },
            body: { primaryUnitId: v.primaryUnitId, assistingUnitIds: v.assistingUnitIds ?? [], ...(v.firstResponsible ? { firstResponsible: true } : {}) },
          }),
        );
        void message.success(t('退单成立，已改派', 'Return accepted and the request re-dispatched'));
      } else if (v.decision === 'accept') void message.success(t('退单成立，诉求已回到人工派单队列', 'Return accepted: the request waits in the manual queue'));
      else void message.success(t('退单不成立，原单位继续办理', 'Return rejected: the unit handles it'));
      onDone();
    } catch (err) {
      setError(asReturnProblem(err));
    } finally {
      setBusy(false);
    }
  };
  const onNoteKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };

  return (
    <div
      data-testid={`return-decision-${ret.id}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label={t('诉求', 'Request')}>{request.number ?? requestId}</Descriptions.Item>
          <Descriptions.Item label={t('紧急程度 · 分类 · 区域', 'Urgency · category · area')}>
            {request.urgency ? t.label(URGENCY_LABELS[request.urgency], request.urgency) : '—'} · {request.categoryCode ?? '—'} · {request.areaCode ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('退单单位', 'Returned by')}>{ret.unit.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('退单理由', 'Reason')}>{t.label(RETURN_REASON_LABELS[ret.reasonCode], ret.reasonCode)}</Descriptions.Item>
          <Descriptions.Item label={t('理由和依据', 'Basis')} span={2}><span style={{ whiteSpace: 'pre-wrap' }} data-testid="return-basis">{ret.basis}</span></Descriptions.Item>
          <Descriptions.Item label={t('建议承办单位', 'Suggested unit')} span={2}>
            <span data-testid="return-suggested">{suggested ? `${suggested.unitName ?? ''} ${suggested.unitCode ?? ''}`.trim() : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('退单时间 · 时限', 'Filed · window')}>{formatTime(ret.returnedAt, t.lang)} · {formatTime(ret.windowDueAt, t.lang)}</Descriptions.Item>
          <Descriptions.Item label={t('该单位工单', 'Its order')}>
            {order ? `${t.label(WORK_ORDER_STATUS_LABELS[order.status], order.status)} · ${t('签收时限', 'sign by')} ${formatTime(order.signDueAt, t.lang)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('当前派单', 'Current dispatch')} span={2}>
            {dispatch.data
              ? `${t(`第 ${dispatch.data.attempt} 次`, `attempt ${dispatch.data.attempt}`)} · ${dispatch.data.assignments.map((a) => `${a.unitName}（${t.label(ASSIGNMENT_ROLE_LABELS[a.role], a.role)}）`).join('、')}`
              : '—'}
          </Descriptions.Item>
          {ret.status !== 'in-review' && (
            <Descriptions.Item label={t('审核意见', 'Decision note')} span={2}>{ret.decisionNote} · {ret.decidedBy} · {formatTime(ret.decidedAt, t.lang)}</Descriptions.Item>
          )}
        </Descriptions>
        <ProblemAlert error={dispatch.error ?? orders.error} />
        {open && (
          <Form<DecisionForm> form={form} layout="vertical" aria-label={t('退单审核', 'Dispute review')} initialValues={{ decision: 'accept' }} onFinish={(v) => void submit(v)}>
            <ProblemAlert error={error} fields={FIELDS} />
            {accepted && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('退单已成立，改派未完成：请重新选择单位，或到人工派单队列处理', 'The return is accepted but the re-dispatch failed: choose a unit again, or place it from the manual queue')} />}
            <Form.Item name="decision" label={t('审核结论', 'Decision')}>
              <Radio.Group
                disabled={accepted}
                options={[
                  { value: 'accept', label: t('退单成立（改派）', 'Accept (re-dispatch)') },
                  { value: 'reject', label: t('退单不成立（原单位继续办理）', 'Reject (the unit handles it)') },
                ]}
              />
            </Form.Item>
            {decision === 'accept' && (
              <Space wrap align="start">
                <Form.Item name="primaryUnitId" label={t('改派主办单位（不选则回到人工派单队列）', 'Next primary unit (none: the manual queue)')} htmlFor={`redispatch-primary-${ret.id}`}>
                  <Select id={`redispatch-primary-${ret.id}`} allowClear showSearch optionFilterProp="label" style={{ width: 260 }} options={options} />
                </Form.Item>
                <Form.Item name="assistingUnitIds" label={t('协办单位', 'Assisting units')} htmlFor={`redispatch-assisting-${ret.id}`}>
                  <Select id={`redispatch-assisting-${ret.id}`} mode="multiple" showSearch optionFilterProp="label" style={{ width: 280 }} options={options.filter((o) => o.value !== primary)} />
                </Form.Item>
                <Form.Item name="firstResponsible" valuePropName="checked" label=" ">
                  <Checkbox>{t('首接负责', 'First responsibility')}</Checkbox>
                </Form.Item>
              </Space>
            )}
            {decision === 'accept' && designated && (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="designation-notice" message={t(`改派为第 ${(dispatch.data?.attempt ?? 0) + 1} 次派单，已达本热线上限：指定办理，承办单位不得再退单`, `The re-dispatch is attempt ${(dispatch.data?.attempt ?? 0) + 1}, the hotline's maximum: the unit is designated (指定办理) and cannot return it`)} />
            )}
            <Form.Item name="note" label={t('审核意见（Ctrl+Enter 提交）', 'Note (Ctrl+Enter decides)')} htmlFor={`return-note-${ret.id}`} rules={[{ required: true, whitespace: true, message: t('请填写审核意见', 'Give the note') }]}>
              <Input.TextArea id={`return-note-${ret.id}`} rows={2} maxLength={1000} onKeyDown={onNoteKey} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>{decision === 'reject' ? t('确认不成立', 'Reject the return') : t('确认退单成立', 'Accept the return')}</Button>
              <Button onClick={onClose}>{t('关闭（Esc）', 'Close (Esc)')}</Button>
              <Typography.Text type="secondary">{t('改派须派单员角色；督办员可作出审核结论', 'Re-dispatching needs the dispatcher role; supervisors may decide')}</Typography.Text>
            </Space>
          </Form>
        )}
      </Space>
    </div>
  );
}

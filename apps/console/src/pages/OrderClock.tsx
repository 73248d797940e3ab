// 时限与暂停 on a unit's order page: where the handling clock started (from the dispatch or the
// sign-for), its original due and the due it runs to now, every extension and every pause with
// the due before and after (ADR 0031). The unit asks the hotline to stop the clock while it waits
// (for the requester, an inspection, another authority) and resumes it when what it waited for came.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import {
  EXTENSION_REFUSAL_LABELS,
  EXTENSION_STATUS_LABELS,
  HANDLING_CLOCK_START_LABELS,
  PAUSE_END_KIND_LABELS,
  PAUSE_REASON_LABELS,
  PAUSE_REASONS,
  PAUSE_STATUS_LABELS,
  type PauseReason,
  type WorkOrderStatus,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/handling';
import type { ClockHistoryView, ExtensionView, PauseView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

function AskPause({ workOrderId, onDone }: { workOrderId: string; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const submit = async (body: { reason: PauseReason; note?: string }) => {
    setError(undefined);
    try {
      await unwrap(api.handling.POST('/v1/work-orders/{id}/pauses', { params: { path: { id: workOrderId } }, body }));
      void message.success(t('已申请暂停计时，待热线审批', 'Pause asked: the hotline decides'));
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Form<{ reason: PauseReason; note?: string }> layout="inline" aria-label={t('申请暂停计时', 'Ask to pause the clock')} onFinish={(v) => void submit(v)}>
      <ProblemAlert error={error} fields={{ reason: ['暂停原因', 'Reason'], note: ['说明', 'Note'] }} />
      <Form.Item name="reason" label={t('暂停原因', 'Reason')} htmlFor="pause-reason" rules={[{ required: true, message: t('请选择暂停原因', 'Choose the reason') }]}>
        <Select<PauseReason> id="pause-reason" style={{ width: 240 }} options={PAUSE_REASONS.map((r) => ({ value: r, label: t.label(PAUSE_REASON_LABELS[r], r) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('说明', 'Note')} htmlFor="pause-note">
        <Input id="pause-note" maxLength={1000} style={{ width: 260 }} />
      </Form.Item>
      <Button htmlType="submit">{t('申请暂停计时', 'Ask to pause')}</Button>
    </Form>
  );
}

type AskExtensionBody = paths['/v1/work-orders/{id}/extensions']['post']['requestBody']['content']['application/json'];
const EXTENSION_FIELDS: Record<string, [string, string]> = { extraWorkingDays: ['延长工作日', 'Extra working days'], reason: ['延期理由', 'Reason'], basis: ['延期依据', 'Basis'] };

/** 延期申请: the unit asks the hotline for more working days, before the due, with the reason and its basis. */
function AskExtension({ workOrderId, onDone }: { workOrderId: string; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AskExtensionBody>();
  const [error, setError] = useState<unknown>();
  const submit = async (body: AskExtensionBody) => {
    setError(undefined);
    try {
      const asked = await unwrap<ExtensionView>(api.handling.POST('/v1/work-orders/{id}/extensions', { params: { path: { id: workOrderId } }, body }));
      // Asked at or after the due it is refused at once (counted overdue): say so, not "sent".
      if (asked.status === 'refused') void message.warning(t('已超过办理时限，延期申请不予受理，按逾期计', 'Past the due: the extension is refused and the order counts as overdue'));
      else void message.success(t('已申请延期，待热线审批', 'Extension asked: the hotline decides'));
      form.resetFields();
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Form<AskExtensionBody> form={form} layout="inline" aria-label={t('申请延期', 'Ask for an extension')} onFinish={(v) => void submit(v)} style={{ rowGap: 8 }}>
      <ProblemAlert error={error} fields={EXTENSION_FIELDS} />
      <Form.Item name="extraWorkingDays" label={t('延长工作日', 'Extra working days')} htmlFor="extension-days" rules={[{ required: true, message: t('请填写延长的工作日数', 'Enter the working days') }]}>
        <InputNumber id="extension-days" min={1} max={60} precision={0} style={{ width: 90 }} />
      </Form.Item>
      <Form.Item name="reason" label={t('延期理由', 'Reason')} htmlFor="extension-reason" rules={[{ required: true, message: t('请填写延期理由', 'Enter the reason') }]}>
        <Input id="extension-reason" maxLength={1000} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="basis" label={t('延期依据', 'Basis')} htmlFor="extension-basis" rules={[{ required: true, message: t('请填写延期依据', 'Enter the basis') }]}>
        <Input id="extension-basis" maxLength={1000} style={{ width: 240 }} />
      </Form.Item>
      <Button htmlType="submit">{t('申请延期', 'Ask for an extension')}</Button>
    </Form>
  );
}

/** The extension's status, and why it was refused when it was. */
export function extensionStatusText(t: Translate, e: ExtensionView): string {
  const status = t.label(EXTENSION_STATUS_LABELS[e.status], e.status);
  return e.refusal === 'requested-after-due' ? `${status} · ${t.label(EXTENSION_REFUSAL_LABELS[e.refusal], e.refusal)}` : status;
}

export function OrderClock({ workOrderId, status, reworking, onChanged }: { workOrderId: string; status: WorkOrderStatus; reworking: boolean; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const history = usePolled(() => unwrap<ClockHistoryView>(api.handling.GET('/v1/work-orders/{id}/extensions', { params: { path: { id: workOrderId } } })), [workOrderId]);
  const h = history.data;
  const open = h?.pauses.find((p) => p.status === 'pending' || p.status === 'running');
  const changed = () => {
    history.reload();
    onChanged();
  };
  const resume = async (pause: PauseView) => {
    setError(undefined);
    try {
      await unwrap(api.handling.POST('/v1/work-orders/{id}/pauses/{pauseId}/end', { params: { path: { id: workOrderId, pauseId: pause.id } } }));
      void message.success(t('已恢复计时', 'Clock resumed'));
      changed();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('时限与暂停', 'Clock and pauses')}</Typography.Title>}>
      <ProblemAlert error={history.error ?? error} />
      {h && (
        <Descriptions size="small" column={2} data-testid="order-clock">
          <Descriptions.Item label={t('起算', 'Starts')}>
            {t.label(HANDLING_CLOCK_START_LABELS[h.handlingClockStart], h.handlingClockStart)} · {formatTime(h.handlingStartedAt, t.lang)}
            {h.handlingStartPlanned ? t('（尚未签收，按签收时限计）', ' (not signed yet: at the sign-for due)') : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('原办理时限', 'Original due')}>{formatTime(h.originalDueAt, t.lang)}</Descriptions.Item>
          <Descriptions.Item label={t('现办理时限', 'Due now')}><span data-testid="clock-due-now">{formatTime(h.handlingDueAt, t.lang)}</span></Descriptions.Item>
          <Descriptions.Item label={t('延期', 'Extensions')}>{h.extensions.filter((e) => e.status === 'approved').length}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<PauseView>
        rowKey="id"
        size="small"
        data-testid="order-pauses"
        pagination={false}
        dataSource={h?.pauses}
        locale={{ emptyText: <Typography.Text>{t('未暂停计时', 'Never paused')}</Typography.Text> }}
        columns={[
          { title: t('暂停原因', 'Reason'), key: 'reason', render: (_: unknown, p) => t.label(PAUSE_REASON_LABELS[p.reason], p.reason) },
          { title: t('状态', 'Status'), key: 'status', render: (_: unknown, p) => t.label(PAUSE_STATUS_LABELS[p.status], p.status) + (p.endKind ? ` · ${t.label(PAUSE_END_KIND_LABELS[p.endKind], p.endKind)}` : '') },
          { title: t('暂停自', 'From'), key: 'from', render: (_: unknown, p) => formatTime(p.startedAt, t.lang) },
          { title: t('最迟恢复', 'Resumes by'), key: 'by', render: (_: unknown, p) => formatTime(p.resumesBy, t.lang) },
          { title: t('恢复后时限', 'Due after'), key: 'after', render: (_: unknown, p) => formatTime(p.dueAfter, t.lang) },
          { title: t('审批意见', 'Decision note'), key: 'note', render: (_: unknown, p) => p.decisionNote ?? '—' },
          { title: '', key: 'act', render: (_: unknown, p) => p.status === 'running' && <Button size="small" onClick={() => void resume(p)}>{t('恢复计时', 'Resume')}</Button> },
        ]}
      />
      {status === 'in-progress' && !reworking && !open && !h?.pausedAt && <AskPause workOrderId={workOrderId} onDone={changed} />}
      <Typography.Title level={4} style={{ fontSize: 14, margin: '16px 0 8px' }}>{t('延期申请', 'Extension requests')}</Typography.Title>
      <Table<ExtensionView>
        rowKey="id"
        size="small"
        data-testid="order-extensions"
        pagination={false}
        dataSource={h?.extensions}
        locale={{ emptyText: <Typography.Text>{t('未申请延期', 'No extension asked')}</Typography.Text> }}
        columns={[
          { title: t('延长', 'Extra'), key: 'days', render: (_: unknown, e) => t(`${e.extraWorkingDays} 个工作日`, `${e.extraWorkingDays} working day(s)`) },
          { title: t('理由与依据', 'Reason and basis'), key: 'reason', render: (_: unknown, e) => `${e.reason} · ${e.basis}` },
          { title: t('申请时时限', 'Due when asked'), key: 'current', render: (_: unknown, e) => formatTime(e.currentDueAt, t.lang) },
          { title: t('申请延至', 'Asked until'), key: 'proposed', render: (_: unknown, e) => formatTime(e.proposedDueAt, t.lang) },
          { title: t('状态', 'Status'), key: 'status', render: (_: unknown, e) => extensionStatusText(t, e) },
          { title: t('审批意见', 'Decision note'), key: 'note', render: (_: unknown, e) => e.decisionNote ?? '—' },
        ]}
      />
      {/* One extension waits at a time; handling refuses a second (409) and the asks past the due itself. */}
      {status === 'in-progress' && !reworking && !h?.extensions.some((e) => e.status === 'pending') && <AskExtension workOrderId={workOrderId} onDone={changed} />}
    </Card>
  );
}

// 时限与暂停 on a unit's order page: where the handling clock started (from the dispatch or the
// sign-for), its original due and the due it runs to now, every extension and every pause with
// the due before and after (ADR 0031). The unit asks the hotline to stop the clock while it waits
// (for the requester, an inspection, another authority) and resumes it when what it waited for came.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Table, Typography } from 'antd';
import { HANDLING_CLOCK_START_LABELS, PAUSE_END_KIND_LABELS, PAUSE_REASON_LABELS, PAUSE_REASONS, PAUSE_STATUS_LABELS, type PauseReason, type WorkOrderStatus } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { ClockHistoryView, PauseView } from '../api/views';
import { useT } from '../i18n';
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
          { title: '', key: 'act', render: (_: unknown, p) => p.status === 'running' && <Button size="small" onClick={() => void resume(p)}>{t('恢复计时', 'Resume')}</Button> },
        ]}
      />
      {status === 'in-progress' && !reworking && !open && !h?.pausedAt && <AskPause workOrderId={workOrderId} onDone={changed} />}
    </Card>
  );
}

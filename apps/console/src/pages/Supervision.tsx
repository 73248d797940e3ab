// 督办 (supervisor; tenant admin reads): the hotline's 督办 orders on the units' work orders —
// why (the vocabulary's sources), what is asked, the reply due in working days (default 3), the
// unit's reply, and the closing once the hotline accepts it — filtered by state and paged by
// handling. A supervisor opens an order on a work order: picked from the open orders, or from a
// request's own orders when the page is opened from an alert or a cluster (#/supervision/request/<id>).
// The unit replies on its order page (OrderSupervision); only a replied order can be closed.
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import {
  SUPERVISION_SOURCE_LABELS,
  SUPERVISION_SOURCES,
  SUPERVISION_STATE_LABELS,
  SUPERVISION_STATES,
  WORK_ORDER_STATUS_LABELS,
  type SupervisionSource,
  type SupervisionState,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { Page, SupervisionOrderView, WorkOrderView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { useRequestBriefs } from './oversight-shared';
import { Clock, formatTime, ProblemAlert, StatusTag } from './shared';

const PAGE_SIZE = 20;
const FIELDS: Record<string, [string, string]> = {
  workOrderId: ['工单', 'Work order'],
  source: ['督办来源', 'Source'],
  instruction: ['督办要求', 'Instruction'],
  replyWithinWorkingDays: ['回复时限', 'Reply within'],
  note: ['办结意见', 'Closing note'],
};

/** Work orders read once per page visit, for the request number a 督办 order does not carry. */
const orders = new Map<string, Promise<WorkOrderView>>();
function workOrder(id: string): Promise<WorkOrderView> {
  let found = orders.get(id);
  if (!found) {
    found = unwrap<WorkOrderView>(api.handling.GET('/v1/work-orders/{id}', { params: { path: { id } } }));
    found.catch(() => orders.delete(id));
    orders.set(id, found);
  }
  return found;
}

function OrderRef({ id }: { id: string }) {
  const t = useT();
  const order = usePolled(() => workOrder(id), [id], 600_000);
  if (!order.data) return <Typography.Text type="secondary">{id.slice(0, 8)}…</Typography.Text>;
  return (
    <span>
      <a href={`#/supervision/request/${order.data.requestId}`}>{order.data.request.number}</a>
      <br />
      <Typography.Text type="secondary">{order.data.request.title ?? ''} · {t.label(WORK_ORDER_STATUS_LABELS[order.data.status], order.data.status)}</Typography.Text>
    </span>
  );
}

interface OpenValues {
  workOrderId?: string;
  source?: SupervisionSource;
  instruction?: string;
  replyWithinWorkingDays?: number;
}

/** 开具督办单: the order (fixed when given), the source, the instruction and the reply limit. */
function OpenForm({ choices, fixed, onOpened, idPrefix }: { choices: WorkOrderView[]; fixed?: string; onOpened: () => void; idPrefix: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<OpenValues>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const id = (f: string) => `${idPrefix}-${f}`;
  const submit = async (v: OpenValues) => {
    const workOrderId = fixed ?? v.workOrderId;
    if (!workOrderId || !v.source) return;
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(api.handling.POST('/v1/supervision-orders', {
        body: { workOrderId, source: v.source, instruction: v.instruction ?? '', ...(v.replyWithinWorkingDays ? { replyWithinWorkingDays: v.replyWithinWorkingDays } : {}) },
      }));
      void message.success(t('已开具督办单', 'Supervision order opened'));
      form.resetFields();
      onOpened();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<OpenValues> form={form} layout="vertical" initialValues={{ replyWithinWorkingDays: 3 }} onFinish={(v) => void submit(v)} aria-label={t('开具督办单', 'Open a supervision order')}>
      <ProblemAlert error={error} fields={FIELDS} />
      <Space wrap align="start">
        {!fixed && (
          <Form.Item name="workOrderId" label={t('工单', 'Work order')} htmlFor={id('order')} rules={[{ required: true, message: t('请选择工单', 'Choose the work order') }]}>
            <Select
              id={id('order')}
              showSearch
              optionFilterProp="label"
              style={{ width: 360 }}
              options={choices.map((o) => ({ value: o.id, label: `${o.request.number} · ${o.request.title ?? ''} · ${o.unitName}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="source" label={t('督办来源', 'Source')} htmlFor={id('source')} rules={[{ required: true, message: t('请选择督办来源', 'Choose the source') }]}>
          <Select id={id('source')} showSearch optionFilterProp="label" style={{ width: 180 }} options={SUPERVISION_SOURCES.map((s) => ({ value: s, label: t.label(SUPERVISION_SOURCE_LABELS[s], s) }))} />
        </Form.Item>
        <Form.Item name="replyWithinWorkingDays" label={t('回复时限（工作日）', 'Reply within (working days)')} htmlFor={id('days')}>
          <InputNumber id={id('days')} min={1} max={30} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Space>
      <Form.Item name="instruction" label={t('督办要求', 'Instruction')} htmlFor={id('instruction')} rules={[{ required: true, whitespace: true, message: t('请填写督办要求', 'Enter the instruction') }]}>
        <Input.TextArea id={id('instruction')} rows={2} maxLength={2000} style={{ maxWidth: 720 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{t('开具督办单', 'Open supervision order')}</Button>
    </Form>
  );
}

/** A request's work orders with their clocks, each with its own 督办 form (#/supervision/request/<id>). */
function RequestOrders({ requestId, canOpen, onOpened }: { requestId: string; canOpen: boolean; onOpened: () => void }) {
  const t = useT();
  const { items, error: briefError } = useRequestBriefs([requestId]);
  const request = items[0]?.request;
  const list = usePolled(() => unwrap<Page<WorkOrderView>>(api.handling.GET('/v1/work-orders', { params: { query: { requestId, limit: 50, offset: 0 } } })), [requestId]);
  return (
    <Card
      data-testid="supervision-request"
      title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{request ? t(`诉求 ${request.number} 的工单`, `Work orders of ${request.number}`) : t('诉求的工单', "The request's work orders")}</Typography.Title>}
      extra={<a href="#/supervision">{t('返回督办列表', 'Back to every order')}</a>}
    >
      <ProblemAlert error={briefError ?? list.error} />
      {request && (
        <Typography.Paragraph>
          <StatusTag status={request.status} /> {request.title ?? ''} · {request.areaCode} · {formatTime(request.receivedAt, t.lang)}
        </Typography.Paragraph>
      )}
      {(list.data?.items ?? []).length === 0 && list.data && <Typography.Text>{t('该诉求尚未派发工单（直接办理、并单或尚在派单中）', 'No work order yet (answered directly, merged, or still being dispatched)')}</Typography.Text>}
      <Space direction="vertical" style={{ width: '100%' }}>
        {(list.data?.items ?? []).map((o) => (
          <Card size="small" key={o.id} title={`${o.unitName} · ${t.label(WORK_ORDER_STATUS_LABELS[o.status], o.status)}${o.role === 'assisting' ? t('（协办）', ' (assisting)') : ''}`}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Clock label={t('签收时限', 'Sign by')} dueAt={o.signedAt ? null : o.signDueAt} overdue={o.signOverdue} />
              <Clock label={t('办理时限', 'Answer by')} dueAt={o.answeredAt ? null : (o.handlingDueAt ?? o.handleDueAt)} overdue={o.handleOverdue} />
            </Space>
            {canOpen && o.status !== 'cancelled' && <OpenForm choices={[o]} fixed={o.id} onOpened={onOpened} idPrefix={`supervise-${o.id}`} />}
          </Card>
        ))}
      </Space>
    </Card>
  );
}

function CloseAction({ row, onClosed, onError }: { row: SupervisionOrderView; onClosed: () => void; onError: (err: unknown) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const close = async () => {
    setBusy(true);
    onError(undefined);
    try {
      await unwrap(api.handling.POST('/v1/supervision-orders/{id}/close', { params: { path: { id: row.id } }, body: note.trim() ? { note: note.trim() } : {} }));
      void message.success(t('督办单已办结', 'Supervision order closed'));
      onClosed();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={4}>
      <Input aria-label={t('办结意见', 'Closing note')} placeholder={t('办结意见（可选）', 'Closing note (optional)')} maxLength={1000} style={{ width: 200 }} value={note} onChange={(e) => setNote(e.target.value)} onPressEnter={() => void close()} />
      <Button size="small" type="primary" loading={busy} onClick={() => void close()}>{t('办结督办', 'Close')}</Button>
    </Space>
  );
}

export function Supervision({ session, requestId }: { session: Session; requestId?: string }) {
  const t = useT();
  const canOpen = session.roles.includes('supervisor');
  const [state, setState] = useState<SupervisionState | 'all'>('all');
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>();
  const list = usePolled(
    () => unwrap<Page<SupervisionOrderView>>(api.handling.GET('/v1/supervision-orders', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(state !== 'all' ? { state } : {}) } } })),
    [state, page],
  );
  // The open orders a 督办 order is most often about: in progress first, then awaiting sign-for.
  const open = usePolled(async () => {
    const [inProgress, awaiting] = await Promise.all(
      (['in-progress', 'awaiting-sign'] as const).map((status) => unwrap<Page<WorkOrderView>>(api.handling.GET('/v1/work-orders', { params: { query: { status, limit: 100, offset: 0 } } }))),
    );
    return [...(inProgress?.items ?? []), ...(awaiting?.items ?? [])];
  }, [], 30_000);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {requestId && <RequestOrders requestId={requestId} canOpen={canOpen} onOpened={list.reload} />}
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('督办', 'Supervision orders')}</Typography.Title>}
        extra={
          <Select<SupervisionState | 'all'>
            aria-label={t('按督办状态筛选', 'Filter by state')}
            showSearch
            optionFilterProp="label"
            style={{ width: 140 }}
            value={state}
            onChange={(v) => { setState(v); setPage(1); }}
            options={[{ value: 'all' as const, label: t('全部状态', 'Every state') }, ...SUPERVISION_STATES.map((s) => ({ value: s, label: t.label(SUPERVISION_STATE_LABELS[s], s) }))]}
          />
        }
      >
        <ProblemAlert error={error ?? list.error} fields={FIELDS} />
        <Table<SupervisionOrderView>
          rowKey="id"
          size="small"
          data-testid="supervision-orders"
          loading={list.loading && !list.data}
          dataSource={list.data?.items}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: <Typography.Text>{t('没有此状态的督办单', 'No supervision orders in this state')}</Typography.Text> }}
          columns={[
            { title: t('诉求 / 工单', 'Request / order'), key: 'order', render: (_: unknown, s) => <OrderRef id={s.workOrderId} /> },
            { title: t('承办单位', 'Unit'), dataIndex: 'unitCode' },
            { title: t('来源', 'Source'), key: 'source', render: (_: unknown, s) => <Tag>{t.label(SUPERVISION_SOURCE_LABELS[s.source], s.source)}</Tag> },
            { title: t('督办要求', 'Instruction'), dataIndex: 'instruction' },
            {
              title: t('状态', 'State'),
              key: 'state',
              render: (_: unknown, s) => (
                <span data-testid={`supervision-order-state-${s.id}`}>
                  {t.label(SUPERVISION_STATE_LABELS[s.state], s.state)}
                  {s.replyOverdue && <><br /><Tag style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffccc7' }}>{t('回复逾期', 'Reply late')}</Tag></>}
                </span>
              ),
            },
            { title: t('开具 / 回复期限', 'Opened / reply by'), key: 'due', render: (_: unknown, s) => <span>{formatTime(s.openedAt, t.lang)}<br /><Typography.Text type="secondary">{formatTime(s.replyDueAt, t.lang)}</Typography.Text></span> },
            {
              title: t('单位回复', "Unit's reply"),
              key: 'reply',
              render: (_: unknown, s) => (s.reply ? <span>{s.reply}<br /><Typography.Text type="secondary">{formatTime(s.repliedAt, t.lang)}</Typography.Text></span> : <Typography.Text type="secondary">{t('待回复', 'Awaited')}</Typography.Text>),
            },
            {
              title: t('办结', 'Closing'),
              key: 'close',
              render: (_: unknown, s) =>
                s.state === 'closed' ? (
                  <span>{formatTime(s.closedAt, t.lang)}{s.closeNote ? <><br /><Typography.Text type="secondary">{s.closeNote}</Typography.Text></> : null}</span>
                ) : s.state === 'replied' && canOpen ? (
                  <CloseAction row={s} onClosed={list.reload} onError={setError} />
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      {canOpen && (
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('开具督办单', 'Open a supervision order')}</Typography.Title>}>
          <ProblemAlert error={open.error} />
          <Typography.Paragraph type="secondary">{t('可选办理中和待签收的工单（各最新 100 张）；其他工单可从预警或热点聚类的诉求进入。', 'In-progress and awaiting-sign orders are listed (the newest 100 of each); reach any other from an alert or a cluster.')}</Typography.Paragraph>
          <OpenForm choices={open.data ?? []} onOpened={list.reload} idPrefix="supervise-new" />
        </Card>
      )}
    </Space>
  );
}

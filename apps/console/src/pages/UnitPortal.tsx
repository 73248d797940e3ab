// 承办单位: the unit's own work orders (the services show a unit only its own; another unit's
// order answers "not found") with their sign-for and handling clocks in red/yellow/green, and
// one order's page: sign, answer with the basis and the contact record, and an audited read of
// the request's text in clear (the purpose is recorded); the hotline's urges of it and its 督办
// orders, answered here; where the tenant requires it, the leader's sign-off of the answer; the
// requester's contact (masked, an audited reveal, a call through the platform) and the files.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Select, Space, Table, Typography } from 'antd';
import { WORK_ORDER_STATUS_LABELS, WORK_ORDER_STATUSES, type WorkOrderStatus, ASSIGNMENT_ROLE_LABELS } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/handling';
import { Problem } from '../api/problem';
import type { Page, WorkOrderView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { go } from '../routes';
import type { Session } from '../session/session';
import { AssistingInputs } from './CoHandling';
import { AnswerSignOff, useAnswerDraft } from './AnswerSignOff';
import { OrderAttachments } from './Attachments';
import { ContactPanel } from './ContactPanel';
import { UnitNegotiations } from './Negotiations';
import { OrderClock } from './OrderClock';
import { OrderSupervision } from './OrderSupervision';
import { ReturnRequest } from './ReturnRequest';
import { Clock, formatTime, ProblemAlert } from './shared';

type Answer = paths['/v1/work-orders/{id}/answer']['post']['requestBody']['content']['application/json'];
const ANSWER_FIELDS: Record<string, [string, string]> = { answer: ['答复内容', 'Answer'], basis: ['办理依据', 'Basis'], contactRecord: ['联系记录', 'Contact record'] };

function Clocks({ o }: { o: WorkOrderView }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {o.status === 'awaiting-sign' && <Clock label={t('签收', 'Sign by')} dueAt={o.signDueAt} overdue={o.signOverdue} />}
      {o.status === 'in-progress' && <Clock label={o.reworkDueAt ? t('重办', 'Rework by') : t('办结', 'Answer by')} dueAt={o.reworkDueAt ?? o.handlingDueAt ?? o.handleDueAt} overdue={o.reworkDueAt ? o.reworkOverdue : o.handleOverdue} />}
      {o.pausedAt && <Typography.Text type="warning" data-testid="clock-paused">{t('暂停计时中', 'Clock stopped')}</Typography.Text>}
    </Space>
  );
}

function OrderList() {
  const t = useT();
  const [status, setStatus] = useState<WorkOrderStatus>();
  const [page, setPage] = useState(1);
  const list = usePolled(
    () => unwrap<Page<WorkOrderView>>(api.handling.GET('/v1/work-orders', { params: { query: { limit: 20, offset: (page - 1) * 20, ...(status ? { status } : {}) } } })),
    [page, status],
  );
  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('本单位工单', "This unit's work orders")}</Typography.Title>}
      extra={<Select<WorkOrderStatus> allowClear aria-label={t('按状态筛选', 'Filter by status')} placeholder={t('全部状态', 'All statuses')} style={{ width: 160 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={WORK_ORDER_STATUSES.map((s) => ({ value: s, label: t.label(WORK_ORDER_STATUS_LABELS[s], s) }))} />}
    >
      <ProblemAlert error={list.error} />
      <Table<WorkOrderView>
        rowKey="id"
        size="small"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('诉求编号', 'Request'), dataIndex: ['request', 'number'], render: (v: string, o) => <a href={`#/unit/${o.id}`}>{v}</a> },
          { title: t('标题', 'Title'), dataIndex: ['request', 'title'] },
          { title: t('承办方式', 'Role'), dataIndex: 'role', render: (r: WorkOrderView['role']) => t.label(ASSIGNMENT_ROLE_LABELS[r], r) },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (s: WorkOrderStatus) => t.label(WORK_ORDER_STATUS_LABELS[s], s) },
          { title: t('时限', 'Clock'), key: 'clock', render: (_: unknown, o) => <Clocks o={o} /> },
        ]}
      />
    </Card>
  );
}

function OrderDetail({ id, leader }: { id: string; leader: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Answer>();
  const [actionError, setActionError] = useState<unknown>();
  const [clear, setClear] = useState<{ title: string | null; content: string }>();
  const order = usePolled(() => unwrap<WorkOrderView>(api.handling.GET('/v1/work-orders/{id}', { params: { path: { id } } })), [id]);
  // Where the tenant requires the leader's sign-off, an operator's answer is a draft (ADR 0024).
  const policy = usePolled(() => unwrap<{ required: boolean }>(api.handling.GET('/v1/sign-off-policy')), []);
  const draft = useAnswerDraft(id);
  const drafting = policy.data?.required === true && !leader;
  const act = async (what: () => Promise<unknown>, done: string) => {
    setActionError(undefined);
    try {
      await what();
      void message.success(done);
      order.reload();
      draft.reload();
    } catch (err) {
      setActionError(err);
    }
  };
  if (order.error instanceof Problem && (order.error.body.status === 404 || order.error.body.status === 403))
    return <Result status="404" title={t('没有找到这张工单，或它不属于本单位', 'No such work order for your unit')} extra={<Button onClick={() => go('unit')}>{t('返回列表', 'Back to the list')}</Button>} />;
  const o = order.data;
  const assisting = o?.role === 'assisting';
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('工单', 'Work order')} {o?.request.number}</Typography.Title>} extra={<a href="#/unit">{t('返回列表', 'Back to the list')}</a>} loading={!o && !order.error}>
      <ProblemAlert error={order.error ?? actionError} fields={ANSWER_FIELDS} />
      {o && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('状态', 'Status')}><span data-testid="order-status">{t.label(WORK_ORDER_STATUS_LABELS[o.status], o.status)}</span></Descriptions.Item>
            <Descriptions.Item label={t('时限', 'Clock')}><Clocks o={o} /></Descriptions.Item>
            <Descriptions.Item label={t('标题', 'Title')}>{clear?.title ?? o.request.title}</Descriptions.Item>
            <Descriptions.Item label={t('诉求人', 'Requester')}>{o.request.requesterMaskedName ?? '—'} {o.request.requesterMaskedPhone ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('诉求内容', 'Content')} span={2}>{clear?.content ?? o.request.content}</Descriptions.Item>
            <Descriptions.Item label={t('签收时间', 'Signed')}>{formatTime(o.signedAt, t.lang)}</Descriptions.Item>
            <Descriptions.Item label={t('答复时间', 'Answered')}>{formatTime(o.answeredAt, t.lang)}</Descriptions.Item>
            {o.answer && <Descriptions.Item label={t('答复', 'Answer')} span={2}>{o.answer}</Descriptions.Item>}
          </Descriptions>
          <AssistingInputs inputs={o.assistingInputs ?? []} />
          <Space>
            {o.status === 'awaiting-sign' && (
              <Button type="primary" onClick={() => void act(() => unwrap(api.handling.POST('/v1/work-orders/{id}/sign', { params: { path: { id } } })), t('已签收', 'Signed'))}>
                {t('签收', 'Sign for it')}
              </Button>
            )}
            {!clear && (
              <Button onClick={() => void act(async () => setClear(await unwrap(api.intake.GET('/v1/requests/{id}/text', { params: { path: { id: o.requestId }, query: { purpose: 'handle-request' } } }))), t('已查看原文（已留痕）', 'Shown in clear (recorded)'))}>
                {t('查看诉求原文（用途：办理诉求，留痕）', 'Show the text in clear (purpose: handling; recorded)')}
              </Button>
            )}
          </Space>
          {o.status === 'in-progress' && draft.data && (
            <AnswerSignOff workOrderId={o.id} draft={draft.data} leader={leader} onDecided={() => { order.reload(); draft.reload(); }} />
          )}
          {o.status === 'in-progress' && (
            <Form<Answer>
              form={form}
              layout="vertical"
              aria-label={t('答复', 'Answer')}
              onFinish={(body) =>
                void (drafting
                  ? act(() => unwrap(api.handling.POST('/v1/work-orders/{id}/answer-draft', { params: { path: { id } }, body })), t('已提交负责人审签', 'Sent for sign-off'))
                  : act(() => unwrap(api.handling.POST('/v1/work-orders/{id}/answer', { params: { path: { id } }, body })), t('已答复', 'Answered')))
              }
            >
              {assisting && <Alert type="info" showIcon message={t('本单位为协办单位：意见提交给主办单位，随主办答复复核', 'Your unit assists: the input goes to the lead unit and is reviewed with its answer')} />}
              <Form.Item name="answer" label={assisting ? t('协办意见', 'Input to the lead') : t('答复内容', 'Answer')} rules={[{ required: true, message: t('请填写答复内容', 'Enter the answer') }]} htmlFor="answer-text">
                <Input.TextArea id="answer-text" rows={3} maxLength={4000} />
              </Form.Item>
              <Form.Item name="basis" label={t('办理依据（政策/法规）', 'Basis (policy or law)')} rules={[{ required: true, message: t('请填写办理依据', 'Enter the basis') }]} htmlFor="answer-basis">
                <Input id="answer-basis" maxLength={1000} />
              </Form.Item>
              <Form.Item name="contactRecord" label={t('联系记录', 'Contact record')} rules={[{ required: true, message: t('请填写与诉求人的联系记录', 'Record how the requester was contacted') }]} htmlFor="answer-contact">
                <Input id="answer-contact" maxLength={1000} />
              </Form.Item>
              <Button type="primary" htmlType="submit">{drafting ? t('提交负责人审签', 'Send for the leader’s sign-off') : assisting ? t('提交协办意见', 'Give the input') : t('提交答复', 'Submit the answer')}</Button>
            </Form>
          )}
          {/* 协办 units reach the lead unit, not the requester (ADR 0030: intake refuses them). */}
          {!assisting && <ContactPanel requestId={o.requestId} />}
          <OrderAttachments workOrderId={o.id} requestId={o.requestId} status={o.status} assisting={assisting} />
          <OrderClock workOrderId={o.id} status={o.status} reworking={o.reworkDueAt !== null} onChanged={order.reload} />
          <OrderSupervision workOrderId={o.id} />
          <ReturnRequest order={o} />
        </Space>
      )}
    </Card>
  );
}

export function UnitPortal({ session, orderId }: { session: Session; orderId?: string }) {
  const t = useT();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('承办单位', 'Unit')}: {session.unit ?? '—'}</Typography.Text>
      {orderId ? (
        <OrderDetail id={orderId} leader={session.roles.includes('unit-leader') || session.roles.includes('unit-principal')} />
      ) : (
        <>
          <UnitNegotiations unitCode={session.unit} />
          <OrderList />
        </>
      )}
    </Space>
  );
}

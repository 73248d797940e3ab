// 提级统筹 (dispatcher, supervisor): a hard case taken up the unit tree. The requests with a unit,
// by status and paged by intake; Enter on one opens its dispatch, its escalations so far and the
// form: the reason (stored masked) and, optionally, the coordinating unit (区县人民政府 or the
// city office above the primary unit; none: the nearest one). The unit taking it becomes the
// primary unit of a designated attempt; the former primary's order is cancelled. Below, the
// tenant's escalations so far across requests, newest first (GET /v1/escalations, paged).
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, List, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { ASSIGNMENT_ROLE_LABELS, COORDINATING_UNIT_LEVELS, REQUEST_STATUS_LABELS, UNIT_LEVEL_LABELS, URGENCY_LABELS, type RequestStatus } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { DispatchView, EscalationListItemView, EscalationView, Page, StaffRequestView, UnitAdminView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { useRowCursor } from './rowCursor';
import { formatTime, ProblemAlert, useUnits } from './shared';

const PAGE_SIZE = 20;
const STATUSES: readonly RequestStatus[] = ['dispatched', 'in-progress', 'answered'];
const listRequests = (status: RequestStatus, limit: number, offset: number) =>
  unwrap<Page<StaffRequestView>>(api.intake.GET('/v1/requests', { params: { query: { status, limit, offset } } }));

const FIELDS: Record<string, [string, string]> = { reason: ['提级原因', 'Reason'], toUnitId: ['统筹单位', 'Coordinating unit'] };

function EscalationPanel({ request, onClose, onDone }: { request: StaffRequestView; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; toUnitId?: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const dispatch = usePolled(() => unwrap<DispatchView>(api.dispatch.GET('/v1/dispatches/{requestId}', { params: { path: { requestId: request.id } } })), [request.id], 30_000);
  const history = usePolled(() => unwrap<{ items: EscalationView[] }>(api.dispatch.GET('/v1/dispatches/{requestId}/escalations', { params: { path: { requestId: request.id } } })), [request.id], 30_000);
  const units = useUnits();
  const byId = new Map(((units.data?.items ?? []) as UnitAdminView[]).map((u) => [u.id, u]));
  const coordinating = [...byId.values()].filter((u) => u.active && COORDINATING_UNIT_LEVELS.includes(u.level) && !(dispatch.data?.excludedUnitIds ?? []).includes(u.id));
  const name = (id: string) => byId.get(id)?.name ?? id;
  const submit = async (v: { reason: string; toUnitId?: string }) => {
    setError(undefined);
    setBusy(true);
    try {
      const made = await unwrap<{ dispatch: DispatchView }>(
        api.dispatch.POST('/v1/dispatches/{requestId}/escalation', { params: { path: { requestId: request.id } }, body: { reason: v.reason, ...(v.toUnitId ? { toUnitId: v.toUnitId } : {}) } }),
      );
      const lead = made.dispatch.assignments.find((a) => a.role === 'primary');
      void message.success(t(`已提级，由${lead?.unitName ?? ''}统筹办理`, `Escalated: ${lead?.unitName ?? ''} coordinates it`));
      form.resetFields();
      dispatch.reload();
      history.reload();
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const d = dispatch.data;
  return (
    <div data-testid={`escalation-${request.id}`} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ProblemAlert error={dispatch.error ?? history.error} />
        {d && (
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('当前派单', 'Current dispatch')}>
              <span data-testid="escalation-dispatch">{d.assignments.map((a) => `${a.unitName}（${t.label(ASSIGNMENT_ROLE_LABELS[a.role], a.role)}）`).join('、')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('派单次数 · 方式', 'Attempt · mode')}>
              {t(`第 ${d.attempt} 次`, `attempt ${d.attempt}`)} · {d.mode === 'escalated' ? t('提级统筹', 'escalated') : d.mode === 'manual' ? t('人工派单', 'manual') : t('目录派单', 'catalog')}
              {d.designated && <Tag style={{ marginLeft: 8 }}>{t('指定办理', 'Designated')}</Tag>}
            </Descriptions.Item>
          </Descriptions>
        )}
        {(history.data?.items.length ?? 0) > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{t('提级记录', 'Escalations so far')}</Typography.Text>}
            dataSource={history.data?.items}
            data-testid="escalation-history"
            renderItem={(e) => (
              <List.Item>
                {formatTime(e.escalatedAt, t.lang)} · {name(e.fromUnitId)} → {name(e.toUnitId)} · {e.reason} · {e.escalatedBy}
              </List.Item>
            )}
          />
        )}
        <Form form={form} layout="vertical" aria-label={t('提级统筹', 'Escalate')} onFinish={(v) => void submit(v)}>
          <ProblemAlert error={error} fields={FIELDS} />
          <Space wrap align="start">
            <Form.Item name="reason" label={t('提级原因', 'Reason')} htmlFor={`escalation-reason-${request.id}`} rules={[{ required: true, whitespace: true, message: t('请填写提级原因', 'Give the reason') }]}>
              <Input id={`escalation-reason-${request.id}`} maxLength={500} style={{ width: 420 }} />
            </Form.Item>
            <Form.Item name="toUnitId" label={t('统筹单位（不选则为主办单位的上级统筹单位）', 'Coordinating unit (none: the nearest above the primary)')} htmlFor={`escalation-unit-${request.id}`}>
              <Select
                id={`escalation-unit-${request.id}`}
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ width: 320 }}
                options={coordinating.map((u) => ({ value: u.id, label: `${u.name} · ${t.label(UNIT_LEVEL_LABELS[u.level], u.level)}` }))}
              />
            </Form.Item>
          </Space>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>{t('提级统筹', 'Escalate')}</Button>
            <Button onClick={onClose}>{t('关闭（Esc）', 'Close (Esc)')}</Button>
            <Typography.Text type="secondary">{t('统筹单位成为主办单位，指定办理、不得退单；原主办单位工单撤销', 'The coordinating unit becomes the designated primary unit; the former primary’s order is cancelled')}</Typography.Text>
          </Space>
        </Form>
      </Space>
    </div>
  );
}

/** The tenant's escalations across requests, newest first. */
function EscalationHistory({ reloadKey }: { reloadKey: number }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = usePolled(
    () => unwrap<Page<EscalationListItemView>>(api.dispatch.GET('/v1/escalations', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } })),
    [page, reloadKey],
    30_000,
  );
  const unit = (u: EscalationListItemView['fromUnit'], id: string) => u?.unitName ?? id;
  return (
    <Card style={{ marginTop: 16 }} title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('本热线提级记录', 'Escalations of this hotline')}</Typography.Title>}>
      <ProblemAlert error={list.error} />
      <Table<EscalationListItemView>
        data-testid="escalations"
        rowKey="id"
        size="small"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('提级时间', 'Escalated'), dataIndex: 'escalatedAt', render: (v: string) => formatTime(v, t.lang) },
          { title: t('诉求编号', 'Request'), key: 'number', render: (_: unknown, e) => e.request.number ?? e.requestId },
          { title: t('分类 · 区域', 'Category · area'), key: 'brief', render: (_: unknown, e) => `${e.request.categoryCode ?? '—'} · ${e.request.areaCode ?? '—'}` },
          { title: t('原主办 → 统筹单位', 'From → coordinating unit'), key: 'units', render: (_: unknown, e) => `${unit(e.fromUnit, e.fromUnitId)} → ${unit(e.toUnit, e.toUnitId)}` },
          { title: t('提级原因', 'Reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('提级人', 'By'), dataIndex: 'escalatedBy' },
        ]}
      />
    </Card>
  );
}

export function Escalations() {
  const t = useT();
  const [escalated, setEscalated] = useState(0);
  const [status, setStatus] = useState<RequestStatus>('dispatched');
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<string>();
  const list = usePolled(() => listRequests(status, PAGE_SIZE, (page - 1) * PAGE_SIZE), [status, page]);
  const cursor = useRowCursor<StaffRequestView>(list.data?.items, (r) => r.id, (r) => setOpened(r.id));
  return (
    <>
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('提级统筹', 'Escalation')}</Typography.Title>}
        extra={
          <Segmented<RequestStatus>
            aria-label={t('按诉求状态筛选', 'Filter by request status')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
              setOpened(undefined);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t.label(REQUEST_STATUS_LABELS[s], s) }))}
          />
        }
      >
        <ProblemAlert error={list.error} />
        <Typography.Paragraph type="secondary">{t('疑难复杂、涉及多个部门的诉求可提级至区县人民政府或市级统筹。↑/↓ 选择，Enter 打开。', 'Hard cases across departments go up to a district government or the city office. ↑/↓ to choose, Enter to open.')}</Typography.Paragraph>
        <Table<StaffRequestView>
          data-testid="escalation-requests"
          rowKey="id"
          size="small"
          loading={list.loading && !list.data}
          dataSource={list.data?.items}
          onRow={cursor.onRow}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
          expandable={{
            expandedRowKeys: opened ? [opened] : [],
            showExpandColumn: false,
            expandedRowRender: (r) => (
              <EscalationPanel
                request={r}
                onClose={() => {
                  setOpened(undefined);
                  cursor.focus();
                }}
                onDone={() => {
                  list.reload();
                  setEscalated((n) => n + 1);
                }}
              />
            ),
          }}
          columns={[
            { title: t('诉求编号', 'Request'), dataIndex: 'number' },
            { title: t('标题', 'Title'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
            { title: t('紧急程度', 'Urgency'), dataIndex: 'urgency', render: (u: StaffRequestView['urgency']) => t.label(URGENCY_LABELS[u], u) },
            { title: t('分类', 'Category'), dataIndex: 'categoryCode' },
            { title: t('区域', 'Area'), dataIndex: 'areaCode' },
            { title: t('受理时间', 'Received'), dataIndex: 'receivedAt', render: (v: string) => formatTime(v, t.lang) },
          ]}
        />
      </Card>
      <EscalationHistory reloadKey={escalated} />
    </>
  );
}

// 预警 (supervisor, tenant admin): analytics' early-warning alerts — 热点激增 (a category × area over
// its baseline in the window) and 风险与舆情 (a request matching the tenant's risk patterns) —
// newest first, filtered (kind, severity, state) and paged by the server; each opens to the
// requests behind it (linked to their 督办 view) and the webhook deliveries of it. A supervisor
// acknowledges an alert (确认: takes it on, with a note) by a button of its row and a dialog, by
// keyboard as by mouse; a surge that rises in severity afterwards is open again (analytics
// reopens it), its earlier acknowledgement shown. Below, the tenant's warning settings: the surge
// thresholds and quiet hours, and the risk keyword lists, edited by the tenant admin only.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import {
  ALERT_DELIVERY_STATE_LABELS,
  ALERT_KIND_LABELS,
  ALERT_KINDS,
  ALERT_SEVERITIES,
  ALERT_SEVERITY_LABELS,
  ALERT_STATE_LABELS,
  ALERT_STATES,
  RISK_CATEGORY_LABELS,
  type AlertKind,
  type AlertSeverity,
  type AlertState,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { AlertDeliveryView, AlertView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { Pager, RequestList, SeverityTag, useCategoryName } from './oversight-shared';
import { formatTime, ProblemAlert } from './shared';
import { WarningSettings } from './WarningSettings';

const PAGE_SIZE = 20;
const FIELDS: Record<string, [string, string]> = { note: ['处理说明', 'Note'] };

/** 确认预警: the supervisor takes the alert on, with an optional note (analytics masks personal data in it). */
function AcknowledgeButton({ alert, onDone }: { alert: AlertView; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const noteId = `acknowledge-note-${alert.alertId}`;
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await unwrap<AlertView>(
        api.analytics.POST('/v1/alerts/{alertId}/acknowledge', { params: { path: { alertId: alert.alertId } }, body: note.trim() ? { note: note.trim() } : {} }),
      );
      void message.success(t('已确认预警', 'Alert acknowledged'));
      setOpen(false);
      setNote('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`acknowledge-${alert.alertId}`}>
        {t('确认', 'Acknowledge')}
      </Button>
      <Modal
        open={open}
        title={t('确认预警', 'Acknowledge the alert')}
        okText={t('确认预警', 'Acknowledge')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={() => void submit()}>
          <ProblemAlert error={error} fields={FIELDS} />
          <Typography.Paragraph type="secondary">
            {t('确认表示已接手处理；激增预警的级别此后升高时将重新变为待处理。', 'Acknowledging takes the alert on; a surge that rises in severity afterwards is open again.')}
          </Typography.Paragraph>
          <Form.Item label={t('处理说明（可选）', 'Note (optional)')} htmlFor={noteId}>
            <Input.TextArea id={noteId} rows={3} maxLength={500} autoFocus value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Where the alert stands: open (reopened by a rise in severity, if it was acknowledged before), or acknowledged by whom and when. */
function AlertStateCell({ alert, canAcknowledge, onDone }: { alert: AlertView; canAcknowledge: boolean; onDone: () => void }) {
  const t = useT();
  const ack = alert.acknowledgement;
  const label = t.label(ALERT_STATE_LABELS[alert.state], alert.state);
  if (alert.state === 'acknowledged' && ack)
    return (
      <Space direction="vertical" size={0} data-testid={`alert-state-${alert.alertId}`}>
        <Tag style={{ color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' }}>{label}</Tag>
        <Typography.Text type="secondary">{ack.by} · {formatTime(ack.at, t.lang)}</Typography.Text>
        {ack.note && <Typography.Text>{ack.note}</Typography.Text>}
      </Space>
    );
  return (
    <Space direction="vertical" size={2} data-testid={`alert-state-${alert.alertId}`}>
      <Tag>{label}</Tag>
      {ack && alert.reopenedAt && (
        <Typography.Text type="secondary">
          {t(`${formatTime(alert.reopenedAt, t.lang)} 级别升高，重新待处理（此前 ${ack.by} 已确认）`, `Reopened ${formatTime(alert.reopenedAt, t.lang)} as its severity rose (acknowledged before by ${ack.by})`)}
        </Typography.Text>
      )}
      {canAcknowledge && <AcknowledgeButton alert={alert} onDone={onDone} />}
    </Space>
  );
}

function AlertDetail({ alert }: { alert: AlertView }) {
  const t = useT();
  const deliveries = usePolled(
    () => unwrap<{ items: AlertDeliveryView[] }>(api.analytics.GET('/v1/alert-deliveries', { params: { query: { alertId: alert.alertId, limit: 50, offset: 0 } } })),
    [alert.alertId],
    15_000,
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`alert-detail-${alert.alertId}`}>
      <Typography.Text strong>{t(`预警涉及的诉求（${alert.requestIds.length}${alert.count > alert.requestIds.length ? ` / 共 ${alert.count}` : ''} 件）`, `Requests behind the alert (${alert.requestIds.length}${alert.count > alert.requestIds.length ? ` of ${alert.count}` : ''})`)}</Typography.Text>
      <RequestList ids={alert.requestIds} testId={`alert-requests-${alert.alertId}`} />
      <Typography.Text strong>{t('预警推送', 'Deliveries')}</Typography.Text>
      <ProblemAlert error={deliveries.error} />
      <Table<AlertDeliveryView>
        rowKey="deliveryId"
        size="small"
        pagination={false}
        dataSource={deliveries.data?.items}
        locale={{ emptyText: <Typography.Text>{t('未配置推送地址，或尚未推送', 'No webhook endpoint, or not sent yet')}</Typography.Text> }}
        columns={[
          { title: t('推送地址', 'Endpoint'), dataIndex: 'endpointName' },
          { title: t('状态', 'State'), key: 'state', render: (_: unknown, d) => t.label(ALERT_DELIVERY_STATE_LABELS[d.state], d.state) },
          { title: t('尝试次数', 'Attempts'), dataIndex: 'attempts' },
          { title: t('投递时间', 'Delivered'), key: 'at', render: (_: unknown, d) => formatTime(d.deliveredAt ?? d.nextAttemptAt, t.lang) },
        ]}
      />
    </Space>
  );
}

export function Alerts({ session }: { session: Session }) {
  const t = useT();
  const [kind, setKind] = useState<AlertKind | 'all'>('all');
  const [severity, setSeverity] = useState<AlertSeverity | 'all'>('all');
  const [state, setState] = useState<AlertState | 'all'>('all');
  const [page, setPage] = useState(1);
  const canAcknowledge = session.roles.includes('supervisor');
  const categoryName = useCategoryName();
  const list = usePolled(
    () =>
      unwrap<{ items: AlertView[] }>(
        api.analytics.GET('/v1/alerts', {
          params: {
            query: {
              limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(kind !== 'all' ? { kind } : {}), ...(severity !== 'all' ? { severity } : {}), ...(state !== 'all' ? { state } : {}),
            },
          },
        }),
      ),
    [kind, severity, state, page],
  );
  const items = list.data?.items ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('预警', 'Early warning')}</Typography.Title>}
        extra={
          <Space>
            <Select<AlertKind | 'all'>
              aria-label={t('按预警类型筛选', 'Filter by kind')}
              showSearch
              optionFilterProp="label"
              style={{ width: 170 }}
              value={kind}
              onChange={(v) => { setKind(v); setPage(1); }}
              options={[{ value: 'all' as const, label: t('全部类型', 'Every kind') }, ...ALERT_KINDS.map((k) => ({ value: k, label: t.label(ALERT_KIND_LABELS[k], k) }))]}
            />
            <Select<AlertSeverity | 'all'>
              aria-label={t('按预警级别筛选', 'Filter by severity')}
              showSearch
              optionFilterProp="label"
              style={{ width: 140 }}
              value={severity}
              onChange={(v) => { setSeverity(v); setPage(1); }}
              options={[{ value: 'all' as const, label: t('全部级别', 'Every severity') }, ...ALERT_SEVERITIES.map((s) => ({ value: s, label: t.label(ALERT_SEVERITY_LABELS[s], s) }))]}
            />
            <Select<AlertState | 'all'>
              aria-label={t('按处理状态筛选', 'Filter by state')}
              showSearch
              optionFilterProp="label"
              style={{ width: 140 }}
              value={state}
              onChange={(v) => { setState(v); setPage(1); }}
              options={[{ value: 'all' as const, label: t('全部状态', 'Every state') }, ...ALERT_STATES.map((s) => ({ value: s, label: t.label(ALERT_STATE_LABELS[s], s) }))]}
            />
          </Space>
        }
      >
        <ProblemAlert error={list.error} />
        <Table<AlertView>
          rowKey="alertId"
          size="small"
          data-testid="alerts"
          loading={list.loading && !list.data}
          dataSource={items}
          pagination={false}
          expandable={{ expandedRowRender: (a) => <AlertDetail alert={a} />, expandRowByClick: false }}
          locale={{ emptyText: <Typography.Text>{t('没有符合条件的预警', 'No alerts')}</Typography.Text> }}
          columns={[
            { title: t('级别', 'Severity'), key: 'severity', render: (_: unknown, a) => <SeverityTag severity={a.severity} /> },
            { title: t('类型', 'Kind'), key: 'kind', render: (_: unknown, a) => t.label(ALERT_KIND_LABELS[a.kind], a.kind) },
            {
              title: t('分类 × 区域', 'Category × area'),
              key: 'key',
              render: (_: unknown, a) => <span>{categoryName(a.categoryCode)}<br /><Typography.Text type="secondary">{a.areaCode ?? '—'}</Typography.Text></span>,
            },
            {
              title: t('时间窗口', 'Window'),
              key: 'window',
              render: (_: unknown, a) => (a.kind === 'risk' ? formatTime(a.windowStart, t.lang) : <span>{formatTime(a.windowStart, t.lang)}<br />{t('至', 'to')} {formatTime(a.windowEnd, t.lang)}</span>),
            },
            {
              title: t('诉求数', 'Requests'),
              key: 'count',
              render: (_: unknown, a) =>
                a.kind === 'surge' ? (
                  <span>{a.count}<br /><Typography.Text type="secondary">{t(`期望 ${a.expected}，阈值 ${a.threshold}`, `expected ${a.expected}, threshold ${a.threshold}`)}</Typography.Text></span>
                ) : (
                  a.count
                ),
            },
            {
              title: t('风险类别', 'Risk'),
              key: 'risk',
              render: (_: unknown, a) =>
                a.kind === 'risk' ? (
                  <Space size={4} wrap>
                    {a.riskCategories.map((c) => <Tag key={c}>{t.label(RISK_CATEGORY_LABELS[c], c)}</Tag>)}
                    {a.stabilityRisk && <Tag style={{ color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' }}>{t('涉稳', 'Stability risk')}</Tag>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: t('发出 / 更新', 'Raised / updated'), key: 'raised', render: (_: unknown, a) => <span>{formatTime(a.raisedAt, t.lang)}<br /><Typography.Text type="secondary">{formatTime(a.updatedAt, t.lang)}</Typography.Text></span> },
            { title: t('处理状态', 'State'), key: 'state', render: (_: unknown, a) => <AlertStateCell alert={a} canAcknowledge={canAcknowledge} onDone={list.reload} /> },
          ]}
        />
        <Pager page={page} shown={items.length} pageSize={PAGE_SIZE} onChange={setPage} t={t} />
        <Descriptions size="small" column={1} style={{ marginTop: 12 }} items={[{ key: 'how', label: t('说明', 'Note'), children: t('展开一行查看预警涉及的诉求和推送记录。督办员“确认”预警表示已接手处理（可附处理说明）；激增预警此后级别升高时重新变为待处理。预警随时间窗口结束而结束，无需手工关闭。', 'Expand a row for the requests behind the alert and its deliveries. A supervisor acknowledges an alert to take it on (with a note if wanted); a surge that rises in severity afterwards is open again. An alert ends with its window, nothing to close by hand.') }]} />
      </Card>
      <WarningSettings editable={session.roles.includes('tenant-admin')} />
    </Space>
  );
}

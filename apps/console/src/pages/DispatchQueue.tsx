// 人工派单 (dispatcher): the requests the catalog could not route, assigned by hand to a primary
// unit (and assisting units).
import { useState } from 'react';
import { App, Button, Card, Checkbox, Select, Space, Table, Tag, Typography } from 'antd';
import { QUEUE_CLOCK_LEVEL_LABELS, URGENCY_LABELS, type QueueClockLevel, type Urgency } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { Page } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { NegotiationPanel, useUnsettledNegotiations } from './Negotiations';
import { IncomingTransfers, TransferPanel } from './Transfers';
import { formatTime, ProblemAlert, useUnits } from './shared';

interface QueuedView {
  requestId: string;
  number?: string;
  categoryCode?: string;
  areaCode?: string;
  reason?: string;
  urgency?: Urgency;
  queuedAt?: string;
  /** When the tenant's dispatch limit runs out, and where the entry stands on it (null: queued before the clock). */
  dueAt?: string | null;
  clockLevel?: QueueClockLevel | null;
}

const CLOCK_COLOUR: Record<QueueClockLevel, string> = { 'on-time': 'default', warning: 'warning', breached: 'error' };

/** The dispatch limit: its due, and a tag once it is about to breach or breached. */
function DueCell({ item }: { item: QueuedView }) {
  const t = useT();
  if (!item.dueAt || !item.clockLevel) return <>—</>;
  return (
    <Space size={4}>
      {formatTime(item.dueAt, t.lang)}
      {item.clockLevel !== 'on-time' && <Tag color={CLOCK_COLOUR[item.clockLevel]}>{t.label(QUEUE_CLOCK_LEVEL_LABELS[item.clockLevel], item.clockLevel)}</Tag>}
    </Space>
  );
}

function Assign({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const units = useUnits();
  const [primary, setPrimary] = useState<string>();
  const [assisting, setAssisting] = useState<string[]>([]);
  // 首接负责: unchecked leaves it to the catalog entry for the request.
  const [firstResponsible, setFirstResponsible] = useState(false);
  const [error, setError] = useState<unknown>();
  const options = (units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Space wrap>
      <ProblemAlert error={error} fields={{ primaryUnitId: ['主办单位', 'Primary unit'], assistingUnitIds: ['协办单位', 'Assisting units'] }} />
      <Select aria-label={t('主办单位', 'Primary unit')} placeholder={t('主办单位', 'Primary unit')} style={{ width: 220 }} value={primary} onChange={setPrimary} options={options} showSearch optionFilterProp="label" />
      <Select aria-label={t('协办单位', 'Assisting units')} placeholder={t('协办单位', 'Assisting units')} mode="multiple" style={{ width: 280 }} value={assisting} onChange={setAssisting} options={options.filter((o) => o.value !== primary)} />
      <Checkbox checked={firstResponsible} onChange={(e) => setFirstResponsible(e.target.checked)}>{t('首接负责（主办单位牵头协调）', 'First responsibility (the lead coordinates)')}</Checkbox>
      <Button
        type="primary"
        disabled={!primary}
        onClick={() =>
          primary &&
          unwrap(api.dispatch.POST('/v1/dispatch-queue/{requestId}/assign', { params: { path: { requestId } }, body: { primaryUnitId: primary, assistingUnitIds: assisting, ...(firstResponsible ? { firstResponsible } : {}) } })).then(() => {
            void message.success(t('已派单', 'Dispatched'));
            onDone();
          }, setError)
        }
      >
        {t('派单', 'Dispatch')}
      </Button>
    </Space>
  );
}

export function DispatchQueue() {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = usePolled(() => unwrap<Page<QueuedView>>(api.dispatch.GET('/v1/dispatch-queue', { params: { query: { limit: 20, offset: (page - 1) * 20 } } })), [page]);
  const negotiations = useUnsettledNegotiations();
  const reload = () => {
    list.reload();
    negotiations.reload();
  };
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('人工派单队列', 'Manual dispatch queue')}</Typography.Title>}>
      <ProblemAlert error={list.error} />
      <IncomingTransfers onDecided={reload} />
      <Table<QueuedView>
        rowKey="requestId"
        size="small"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Assign requestId={r.requestId} onDone={reload} />
              <NegotiationPanel requestId={r.requestId} negotiation={negotiations.data?.get(r.requestId)} onDone={reload} />
              <TransferPanel requestId={r.requestId} onDone={reload} />
            </Space>
          ),
        }}
        columns={[
          { title: t('诉求', 'Request'), key: 'n', render: (_: unknown, r) => r.number ?? r.requestId },
          { title: t('紧急程度', 'Urgency'), dataIndex: 'urgency', render: (u?: Urgency) => (u ? t.label(URGENCY_LABELS[u], u) : '') },
          { title: t('分类', 'Category'), dataIndex: 'categoryCode' },
          { title: t('区域', 'Area'), dataIndex: 'areaCode' },
          { title: t('入队时间', 'Queued'), dataIndex: 'queuedAt', render: (v?: string) => formatTime(v, t.lang) },
          { title: t('派单时限', 'Dispatch due'), key: 'due', render: (_: unknown, r) => <DueCell item={r} /> },
        ]}
      />
    </Card>
  );
}

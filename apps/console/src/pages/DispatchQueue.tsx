// 人工派单 (dispatcher): the requests the catalog could not route, assigned by hand to a primary
// unit (and assisting units).
import { useState } from 'react';
import { App, Button, Card, Select, Space, Table, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { Page } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert, useUnits } from './shared';

interface QueuedView {
  requestId: string;
  number?: string;
  categoryCode?: string;
  areaCode?: string;
  reason?: string;
  queuedAt?: string;
}

function Assign({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const units = useUnits();
  const [primary, setPrimary] = useState<string>();
  const [assisting, setAssisting] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const options = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Space wrap>
      <ProblemAlert error={error} fields={{ primaryUnitId: ['主办单位', 'Primary unit'], assistingUnitIds: ['协办单位', 'Assisting units'] }} />
      <Select aria-label={t('主办单位', 'Primary unit')} placeholder={t('主办单位', 'Primary unit')} style={{ width: 220 }} value={primary} onChange={setPrimary} options={options} showSearch optionFilterProp="label" />
      <Select aria-label={t('协办单位', 'Assisting units')} placeholder={t('协办单位', 'Assisting units')} mode="multiple" style={{ width: 280 }} value={assisting} onChange={setAssisting} options={options.filter((o) => o.value !== primary)} />
      <Button
        type="primary"
        disabled={!primary}
        onClick={() =>
          primary &&
          unwrap(api.dispatch.POST('/v1/dispatch-queue/{requestId}/assign', { params: { path: { requestId } }, body: { primaryUnitId: primary, assistingUnitIds: assisting } })).then(() => {
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
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('人工派单队列', 'Manual dispatch queue')}</Typography.Title>}>
      <ProblemAlert error={list.error} />
      <Table<QueuedView>
        rowKey="requestId"
        size="small"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (r) => <Assign requestId={r.requestId} onDone={list.reload} /> }}
        columns={[
          { title: t('诉求', 'Request'), key: 'n', render: (_: unknown, r) => r.number ?? r.requestId },
          { title: t('分类', 'Category'), dataIndex: 'categoryCode' },
          { title: t('区域', 'Area'), dataIndex: 'areaCode' },
          { title: t('入队时间', 'Queued'), dataIndex: 'queuedAt', render: (v?: string) => formatTime(v, t.lang) },
        ]}
      />
    </Card>
  );
}

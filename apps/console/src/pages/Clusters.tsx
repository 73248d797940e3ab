// 热点聚类 (supervisor, tenant admin): clusters of similar requests of one area (analytics'
// MinHash of title and content), hottest first, with the parts of the heat index — requests,
// distinct requesters, the span in days and the public's likes. A cluster opens to its requests
// (each linked to its 督办 view, where a supervisor opens a 督办 order on its work order) and to
// the 并单 master candidate: its earliest request, into which the agent desk merges a repeat by
// registering it with `duplicateOf` (an accepted request is never merged after the fact), with
// intake's duplicate candidates of it.
import { useState } from 'react';
import { Card, Descriptions, InputNumber, Space, Table, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { ClusterDetailView, ClusterView, DuplicateProbeView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { Pager, RequestList, useCategoryName, useRequestBriefs } from './oversight-shared';
import { formatTime, ProblemAlert } from './shared';

const PAGE_SIZE = 20;
const DAY_MS = 86_400_000;

const spanDays = (c: ClusterView) => Math.max(0, (Date.parse(c.lastAt) - Date.parse(c.firstAt)) / DAY_MS);

function MasterCandidate({ requestId }: { requestId: string }) {
  const t = useT();
  const { items } = useRequestBriefs([requestId]);
  const master = items[0]?.request;
  const candidates = usePolled(
    () => unwrap<DuplicateProbeView>(api.intake.GET('/v1/requests/{id}/duplicate-candidates', { params: { path: { id: requestId } } })),
    [requestId],
    60_000,
  );
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ fontSize: 14, margin: 0 }}>{t('并单', 'Merge (并单)')}</Typography.Title>} data-testid={`cluster-master-${requestId}`}>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {t('主单候选（聚类中最早的诉求）：', 'Master candidate (the earliest request of the cluster): ')}
        {master ? <a href={`#/supervision/request/${requestId}`} style={{ textDecoration: 'underline' }}>{master.number}</a> : '…'} {master?.title ?? ''}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('同一事项再次来电或留言时，话务员在话务台“重复诉求”中选择并入该主单（不再派单）；已受理的诉求不再合并。', 'When the same matter comes in again, the agent merges it into this master on the agent desk (under duplicates; it is not dispatched); accepted requests are not merged afterwards.')}
      </Typography.Paragraph>
      <ProblemAlert error={candidates.error} />
      <Table<DuplicateProbeView['items'][number]>
        rowKey="requestId"
        size="small"
        pagination={false}
        dataSource={candidates.data?.items}
        locale={{ emptyText: <Typography.Text>{t('受理窗口内没有其他重复候选', 'No other duplicate candidates within the window')}</Typography.Text> }}
        columns={[
          { title: t('重复候选', 'Candidate'), key: 'number', render: (_: unknown, c) => <a href={`#/supervision/request/${c.requestId}`}>{c.number}</a> },
          { title: t('标题', 'Title'), dataIndex: 'title' },
          { title: t('相似度', 'Score'), key: 'score', render: (_: unknown, c) => c.score.toFixed(2) },
          { title: t('受理时间', 'Received'), key: 'received', render: (_: unknown, c) => formatTime(c.receivedAt, t.lang) },
        ]}
      />
    </Card>
  );
}

function ClusterDetail({ clusterId }: { clusterId: string }) {
  const t = useT();
  const detail = usePolled(() => unwrap<ClusterDetailView>(api.analytics.GET('/v1/clusters/{clusterId}', { params: { path: { clusterId } } })), [clusterId], 15_000);
  const members = detail.data?.members ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`cluster-detail-${clusterId}`}>
      <ProblemAlert error={detail.error} />
      {members[0] && <MasterCandidate requestId={members[0].requestId} />}
      <Typography.Text strong>{t(`聚类中的诉求（${members.length} 件，最早在前）`, `The cluster's requests (${members.length}, earliest first)`)}</Typography.Text>
      {detail.data && (
        <RequestList
          ids={members.map((m) => m.requestId)}
          testId={`cluster-requests-${clusterId}`}
          extra={{ title: t('督办', 'Supervision'), render: (id) => <a href={`#/supervision/request/${id}`}>{t('督办', 'Supervise')}</a> }}
        />
      )}
    </Space>
  );
}

export function Clusters() {
  const t = useT();
  const [minRequests, setMinRequests] = useState(2);
  const [page, setPage] = useState(1);
  const categoryName = useCategoryName();
  const list = usePolled(
    () => unwrap<{ items: ClusterView[] }>(api.analytics.GET('/v1/clusters', { params: { query: { minRequests, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } })),
    [minRequests, page],
  );
  const items = list.data?.items ?? [];
  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('热点聚类', 'Hotspot clusters')}</Typography.Title>}
      extra={
        <Space>
          <label htmlFor="clusters-min">{t('至少诉求数', 'At least requests')}</label>
          <InputNumber id="clusters-min" min={1} max={1000} precision={0} style={{ width: 90 }} value={minRequests} onChange={(v) => { setMinRequests(v ?? 2); setPage(1); }} />
        </Space>
      }
    >
      <ProblemAlert error={list.error} fields={{ minRequests: ['至少诉求数', 'At least requests'] }} />
      <Table<ClusterView>
        rowKey="clusterId"
        size="small"
        data-testid="clusters"
        loading={list.loading && !list.data}
        dataSource={items}
        pagination={false}
        expandable={{ expandedRowRender: (c) => <ClusterDetail clusterId={c.clusterId} /> }}
        locale={{ emptyText: <Typography.Text>{t('暂无相似诉求聚类', 'No clusters of similar requests')}</Typography.Text> }}
        columns={[
          { title: t('排名', 'Rank'), key: 'rank', render: (_: unknown, _c, i) => (page - 1) * PAGE_SIZE + i + 1 },
          { title: t('热度指数', 'Heat'), key: 'heat', render: (_: unknown, c) => <Typography.Text strong data-testid={`cluster-heat-${c.clusterId}`}>{c.heat.toFixed(2)}</Typography.Text> },
          { title: t('分类 × 区域', 'Category × area'), key: 'key', render: (_: unknown, c) => <span>{categoryName(c.categoryCode)}<br /><Typography.Text type="secondary">{c.areaCode}</Typography.Text></span> },
          { title: t('诉求数', 'Requests'), dataIndex: 'requests' },
          { title: t('诉求人数', 'Requesters'), dataIndex: 'requesters' },
          { title: t('持续天数', 'Span (days)'), key: 'span', render: (_: unknown, c) => spanDays(c).toFixed(1) },
          { title: t('点赞数', 'Likes'), dataIndex: 'likes' },
          { title: t('首次 / 最近', 'First / last'), key: 'at', render: (_: unknown, c) => <span>{formatTime(c.firstAt, t.lang)}<br /><Typography.Text type="secondary">{formatTime(c.lastAt, t.lang)}</Typography.Text></span> },
        ]}
      />
      <Pager page={page} shown={items.length} pageSize={PAGE_SIZE} onChange={setPage} t={t} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'heat',
            label: t('热度指数', 'Heat index'),
            children: t('诉求人数 ×（1 + ln 诉求数）×（1 + ln(1 + 持续天数)）+ ln(1 + 点赞数)；同一区域 30 天内标题和内容相似（Jaccard ≥ 0.3）的诉求归为一类。', 'requesters × (1 + ln requests) × (1 + ln(1 + span days)) + ln(1 + likes); requests of one area within 30 days whose title and content are similar (Jaccard ≥ 0.3) form a cluster.'),
          },
        ]}
      />
    </Card>
  );
}

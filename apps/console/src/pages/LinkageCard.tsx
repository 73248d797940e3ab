// 12345↔110 联动: transfers each way, by counterpart and method, with the acceptance rate over the
// decided ones (its denominator beside it, "—" when nothing is decided) and how long acceptance
// took. The analytics service computes the figures; this card only draws them.
import { Card, Table, Typography } from 'antd';
import {
  LINKAGE_COUNTERPART_LABELS,
  LINKAGE_DECLINE_REASON_LABELS,
  LINKAGE_DIRECTION_LABELS,
  LINKAGE_METHOD_LABELS,
  type LinkageDeclineReason,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { LinkageTransfersView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { ProblemAlert } from './shared';

type Row = LinkageTransfersView['items'][number];

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** Seconds as the agents read them: 45 秒, 2.5 分钟. */
function duration(seconds: number | null, t: ReturnType<typeof useT>): string {
  if (seconds === null) return '—';
  return seconds < 120 ? t(`${seconds} 秒`, `${seconds} s`) : t(`${(seconds / 60).toFixed(1)} 分钟`, `${(seconds / 60).toFixed(1)} min`);
}

export function LinkageCard({ from, to }: { from?: string; to?: string }) {
  const t = useT();
  const figures = usePolled(
    () => unwrap<LinkageTransfersView>(api.analytics.GET('/v1/metrics/linkage-transfers', { params: { query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } })),
    [from, to],
  );
  const rows = figures.data?.items ?? [];
  const reasons = (r: Row) =>
    r.declineReasons.map((d) => `${t.label(LINKAGE_DECLINE_REASON_LABELS[d.reason as LinkageDeclineReason], d.reason)} ${d.count}`).join('，') || '—';
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('12345↔110 联动', '12345↔110 interconnect')}</Typography.Title>}>
      <ProblemAlert error={figures.error} />
      <Table<Row>
        rowKey={(r) => `${r.direction} ${r.counterpart} ${r.method}`}
        size="small"
        data-testid="linkage-transfers"
        dataSource={rows}
        loading={figures.loading && !figures.data}
        pagination={false}
        // In the body's own colour: antd's faint placeholder grey fails the contrast check.
        locale={{ emptyText: <Typography.Text>{t('统计期间内没有转办', 'No transfers in the period')}</Typography.Text> }}
        columns={[
          { title: t('方向', 'Direction'), key: 'direction', render: (_: unknown, r) => t.label(LINKAGE_DIRECTION_LABELS[r.direction], r.direction) },
          { title: t('对象', 'Counterpart'), key: 'counterpart', render: (_: unknown, r) => t.label(LINKAGE_COUNTERPART_LABELS[r.counterpart], r.counterpart) },
          { title: t('方式', 'Method'), key: 'method', render: (_: unknown, r) => t.label(LINKAGE_METHOD_LABELS[r.method], r.method) },
          { title: t('转办', 'Transfers'), dataIndex: 'transfers' },
          { title: t('待接收', 'Pending'), dataIndex: 'pending' },
          {
            title: t('接收率', 'Accepted'),
            key: 'accepted',
            render: (_: unknown, r) => <span data-testid={`linkage-accepted-${r.direction}-${r.counterpart}-${r.method}`}>{`${percent(r.acceptanceRate)} (${r.accepted}/${r.decided})`}</span>,
          },
          { title: t('拒收', 'Declined'), dataIndex: 'declined' },
          { title: t('超时', 'Expired'), dataIndex: 'expired' },
          { title: t('接收用时 中位/P90', 'Time to accept p50/p90'), key: 'time', render: (_: unknown, r) => `${duration(r.secondsToAcceptance.p50, t)} / ${duration(r.secondsToAcceptance.p90, t)}` },
          { title: t('拒收原因', 'Decline reasons'), key: 'reasons', render: (_: unknown, r) => reasons(r) },
        ]}
      />
    </Card>
  );
}

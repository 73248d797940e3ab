// 重办 (reviewer, supervisor, tenant-admin): the evaluations awaiting a judgement (revisit lists
// them; the reviewer judges them), and per unit its evaluated requests, those sent back for 重办
// (合理差评) and 重办率 as analytics counts it, with the rounds beside them.
import { Card, Space, Table, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { Page, RedoCountView, WorkOrderView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { RedoJudgements } from './RedoJudgement';
import { ProblemAlert, useUnits } from './shared';

/** Unit names: the directory where the role reads it, else the names on the tenant's work orders (reviewers). */
function useUnitNames(): Map<string, string> {
  const units = useUnits();
  const orders = usePolled(
    () => (units.error ? unwrap<Page<WorkOrderView & { unitId: string }>>(api.handling.GET('/v1/work-orders', { params: { query: { limit: 200 } } })) : Promise.resolve(undefined)),
    [Boolean(units.error)],
    600_000,
  );
  if (units.data) return new Map(units.data.items.map((u) => [u.id, u.name]));
  return new Map((orders.data?.items ?? []).map((o) => [o.unitId, o.unitName]));
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export function RedoPage({ session }: { session: Session }) {
  const t = useT();
  const counts = usePolled(() => unwrap<{ items: RedoCountView[] }>(api.revisit.GET('/v1/revisits/redo-counts')), [], 30_000);
  const names = useUnitNames();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <RedoJudgements canJudge={session.roles.includes('reviewer')} />
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('重办统计', 'Redo counts')}</Typography.Title>}>
        <Typography.Paragraph type="secondary">
          {t(
            '重办率 = 经合理差评发回重办（至少一次）的诉求数 ÷ 该单位有回访评价的诉求数，与统计分析口径一致；评价轮次与重办轮次另列。差评在“回访”页记录后，在此或回访页认定。',
            'Redo rate = requests sent back for 重办 by a reasonable judgement (at least once) ÷ the unit’s evaluated requests, as analytics counts it; evaluation and redo rounds beside it. A poor evaluation recorded on the Revisit page is judged there or here.',
          )}
        </Typography.Paragraph>
        <ProblemAlert error={counts.error} />
        <Table<RedoCountView>
          data-testid="redo-counts"
          rowKey="unitId"
          size="small"
          loading={counts.loading && !counts.data}
          dataSource={counts.data?.items}
          pagination={false}
          columns={[
            { title: t('承办单位', 'Unit'), dataIndex: 'unitId', render: (id: string) => names.get(id) ?? id },
            { title: t('有评价的诉求', 'Evaluated requests'), dataIndex: 'evaluatedRequests' },
            { title: t('发回重办的诉求', 'Requests sent back'), dataIndex: 'redoneRequests' },
            { title: t('评价轮次', 'Evaluation rounds'), dataIndex: 'evaluations' },
            { title: t('重办轮次', 'Redo rounds'), dataIndex: 'redoRounds' },
            { title: t('重办率', 'Redo rate'), dataIndex: 'redoRate', render: percent },
          ]}
        />
      </Card>
    </Space>
  );
}

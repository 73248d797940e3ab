// 派单质量: per primary unit, the orders received, re-dispatched, designated and escalated to it, its returns
// (退单) by outcome and reason with the 退单率 and its denominator, and for the tenant the 派单准确率
// of first dispatches by mode. The analytics service computes the figures; this card only draws them.
import { Card, Descriptions, Table, Typography } from 'antd';
import { RETURN_REASON_LABELS, type ReturnReason } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { DispatchQualityView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { ProblemAlert } from './shared';

type Row = DispatchQualityView['units'][number];

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export function DispatchQualityCard({ from, to }: { from?: string; to?: string }) {
  const t = useT();
  const figures = usePolled(
    () => unwrap<DispatchQualityView>(api.analytics.GET('/v1/metrics/dispatch-quality', { params: { query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } })),
    [from, to],
  );
  const total = figures.data?.total;
  const mode = (m: string) => (m === 'catalog' ? t('目录派单', 'by catalog') : m === 'manual' ? t('人工派单', 'by hand') : m);
  const reasons = (r: Row) =>
    r.returnReasons.map((x) => `${t.label(RETURN_REASON_LABELS[x.reasonCode as ReturnReason], x.reasonCode)} ${x.count}`).join('，') || '—';
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('派单质量', 'Dispatch quality')}</Typography.Title>}>
      <ProblemAlert error={figures.error} />
      {total && (
        <Descriptions size="small" column={4} data-testid="dispatch-quality-total">
          <Descriptions.Item label={t('派单准确率', 'Dispatch accuracy')}>
            <span data-testid="dispatch-accuracy">{`${percent(total.dispatchAccuracy)} (${total.firstDispatchesStood}/${total.firstDispatches})`}</span>
          </Descriptions.Item>
          {total.byMode.map((m) => (
            <Descriptions.Item key={m.mode} label={mode(m.mode)}>{`${percent(m.dispatchAccuracy)} (${m.stood}/${m.firstDispatches})`}</Descriptions.Item>
          ))}
          <Descriptions.Item label={t('退单率', 'Return rate')}>{`${percent(total.returnRate)} (${total.returnsFiled}/${total.attempts})`}</Descriptions.Item>
          <Descriptions.Item label={t('改派', 'Re-dispatches')}>{total.redispatches}</Descriptions.Item>
          <Descriptions.Item label={t('指定办理', 'Designated')}>{total.designated}</Descriptions.Item>
          <Descriptions.Item label={t('提级统筹', 'Escalated')}>{total.escalations}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<Row>
        rowKey="unitId"
        size="small"
        data-testid="dispatch-quality-units"
        dataSource={figures.data?.units ?? []}
        loading={figures.loading && !figures.data}
        pagination={false}
        // In the body's own colour: antd's faint placeholder grey fails the contrast check.
        locale={{ emptyText: <Typography.Text>{t('统计期间内没有派单', 'No dispatches in the period')}</Typography.Text> }}
        columns={[
          { title: t('承办单位', 'Unit'), key: 'unit', render: (_: unknown, r) => r.unitName ?? r.unitCode ?? r.unitId },
          { title: t('收到派单', 'Orders received'), dataIndex: 'attempts' },
          { title: t('改派而来', 'Re-dispatched to it'), dataIndex: 'redispatches' },
          { title: t('指定办理', 'Designated'), dataIndex: 'designated' },
          { title: t('提级而来', 'Escalated to it'), dataIndex: 'escalations' },
          {
            title: t('退单率', 'Return rate'),
            key: 'rate',
            render: (_: unknown, r) => <span data-testid={`return-rate-${r.unitCode ?? r.unitId}`}>{`${percent(r.returnRate)} (${r.returnsFiled}/${r.attempts})`}</span>,
          },
          { title: t('退单通过', 'Accepted'), dataIndex: 'returnsAccepted' },
          { title: t('退单驳回', 'Rejected'), dataIndex: 'returnsRejected' },
          { title: t('审核中', 'In review'), dataIndex: 'returnsInReview' },
          { title: t('退单原因', 'Return reasons'), key: 'reasons', render: (_: unknown, r) => reasons(r) },
        ]}
      />
    </Card>
  );
}

// 监督看板: the three rates (响应率/解决率/满意率) by unit, category or day, each shown with its
// valid-evaluation denominator (a rate without one is "—", never 0 %), with on-time and overdue
// counts, and the 12345↔110 transfers of the same period. The analytics service computes them;
// the page only draws them. A bar, a rate cell (a button: by keyboard too), a row or a total's
// 明细 opens the requests behind it (RateDrillDown), counted from the same facts as the rate.
import { type MouseEvent, useCallback, useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { DRILL_DOWN_RATE_LABELS, type DrillDownRate } from '@hotline/vocabulary';
import type { Dayjs } from 'dayjs';
import { api, unwrap } from '../api/client';
import type { RatesRow, RatesView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { DispatchQualityCard } from './DispatchQualityCard';
import { LinkageCard } from './LinkageCard';
import { type DrillCell, RateDrillDown } from './RateDrillDown';
import { RatesChart } from './RatesChart';
import { ProblemAlert } from './shared';

type GroupBy = RatesView['groupBy'];

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function totals(rows: RatesRow[]) {
  const sum = (f: (r: RatesRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const ratio = (num: number, den: number) => (den === 0 ? null : num / den);
  const responseDen = sum((r) => r.responseDenominator);
  const revisits = sum((r) => r.revisits);
  // 满意率 counts over valid evaluations (有效参评) with the tenant's weights, as each row does (ADR 0017 addendum).
  const validEvaluations = sum((r) => r.validEvaluations);
  return {
    responseRate: ratio(sum((r) => r.signedOnTime), responseDen),
    responseDen,
    resolutionRate: ratio(sum((r) => r.resolutionNumerator), revisits),
    satisfactionRate: ratio(sum((r) => r.satisfactionNumerator), validEvaluations),
    revisits,
    validEvaluations,
    overdue: sum((r) => r.unsignedPastDue + r.unansweredPastDue),
    workOrders: sum((r) => r.workOrders),
  };
}

export function Dashboard() {
  const t = useT();
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  // Local days (YYYY-MM-DD), as analytics takes them: a timestamp is refused with a 400.
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const rates = usePolled(
    () => unwrap<RatesView>(api.analytics.GET('/v1/metrics/rates', { params: { query: { groupBy, limit: 50, offset: (page - 1) * 50, ...(from ? { from } : {}), ...(to ? { to } : {}) } } })),
    [groupBy, from, to, page],
  );
  const rows = rates.data?.items ?? [];
  const sum = totals(rows);
  const rowLabel = (r: RatesRow) => r.label ?? r.key;
  const [drill, setDrill] = useState<DrillCell | null>(null);
  const drillRow = useCallback((r: RatesRow, rate: DrillDownRate) => setDrill({ groupBy, key: r.key, label: r.label ?? r.key, rate }), [groupBy]);
  const whole = t('统计期间全部', 'The whole period');
  /** A rate cell of the table: its figures as a button that opens the requests behind them. */
  const cell = (r: RatesRow, rate: DrillDownRate, text: string, testId?: string) => (
    <Button
      type="link"
      size="small"
      style={{ padding: 0 }}
      aria-label={t(`${rowLabel(r)} ${DRILL_DOWN_RATE_LABELS[rate].zh}明细：${text}`, `${rowLabel(r)} ${DRILL_DOWN_RATE_LABELS[rate].en} details: ${text}`)}
      data-testid={`drill-${rate}-${r.key}`}
      onClick={(e: MouseEvent) => { e.stopPropagation(); drillRow(r, rate); }}
    >
      {testId ? <span data-testid={testId}>{text}</span> : text}
    </Button>
  );
  const wholeDetails = (rate: DrillDownRate) => (
    <Button type="link" size="small" aria-label={t(`${DRILL_DOWN_RATE_LABELS[rate].zh}明细（全部）`, `${DRILL_DOWN_RATE_LABELS[rate].en} details (all)`)} onClick={() => setDrill({ groupBy, key: null, label: whole, rate })}>
      {t('明细', 'Details')}
    </Button>
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('三率监督看板', 'The three rates')}</Typography.Title>}
        extra={
          <Space>
            <Segmented<GroupBy> aria-label={t('分组', 'Group by')} value={groupBy} onChange={(v) => { setGroupBy(v); setPage(1); }} options={[
              { value: 'unit', label: t('按单位', 'By unit') },
              { value: 'category', label: t('按分类', 'By category') },
              { value: 'day', label: t('按日期', 'By day') },
            ]} />
            <DatePicker.RangePicker aria-label={t('统计期间', 'Period')} value={range} onChange={(v) => { setRange(v); setPage(1); }} />
          </Space>
        }
      >
        <ProblemAlert error={rates.error} />
        <Row gutter={16}>
          <Col span={5}><Statistic title={t('响应率（按时签收）', 'Response (signed on time)')} value={percent(sum.responseRate)} /><Typography.Text type="secondary" data-testid="response-denominator">{t('分母', 'of')} {sum.responseDen}</Typography.Text>{wholeDetails('response')}</Col>
          <Col span={5}><Statistic title={t('解决率', 'Resolution')} value={percent(sum.resolutionRate)} /><Typography.Text type="secondary">{t('有效回访', 'valid revisits')} {sum.revisits}</Typography.Text>{wholeDetails('resolution')}</Col>
          <Col span={5}><Statistic title={t('满意率（满意+基本满意）', 'Satisfaction')} value={percent(sum.satisfactionRate)} /><Typography.Text type="secondary" data-testid="revisit-denominator">{t('有效参评', 'valid evaluations')} {sum.validEvaluations}</Typography.Text>{wholeDetails('satisfaction')}</Col>
          <Col span={4}><Statistic title={t('工单数', 'Work orders')} value={sum.workOrders} /></Col>
          <Col span={5}><Statistic title={t('超期未签收/未办结', 'Overdue')} value={sum.overdue} valueStyle={sum.overdue ? { color: '#cf1322' } : undefined} /></Col>
        </Row>
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('分组对比', 'By group')}</Typography.Title>}>
        <RatesChart rows={rows} label={rowLabel} onPick={drillRow} />
        <Table<RatesRow>
          rowKey="key"
          size="small"
          data-testid="rates-table"
          dataSource={rows}
          onRow={(r) => ({ onClick: () => drillRow(r, 'response'), style: { cursor: 'pointer' } })}
          loading={rates.loading && !rates.data}
          pagination={{ current: page, pageSize: 50, total: rates.data?.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('分组', 'Group'), key: 'label', render: (_: unknown, r) => rowLabel(r) },
            { title: t('工单', 'Orders'), dataIndex: 'workOrders' },
            { title: t('响应率', 'Response'), key: 'resp', render: (_: unknown, r) => cell(r, 'response', `${percent(r.responseRate)} (${r.signedOnTime}/${r.responseDenominator})`) },
            { title: t('按时办结率', 'On-time answers'), key: 'ontime', render: (_: unknown, r) => `${percent(r.onTimeAnswerRate)} (${r.answeredOnTime}/${r.onTimeAnswerDenominator})` },
            { title: t('解决率', 'Resolution'), key: 'res', render: (_: unknown, r) => cell(r, 'resolution', `${percent(r.resolutionRate)} (${r.resolutionNumerator}/${r.revisits})`) },
            { title: t('满意率', 'Satisfaction'), key: 'sat', render: (_: unknown, r) => cell(r, 'satisfaction', `${percent(r.satisfactionRate)} (${r.satisfactionNumerator}/${r.validEvaluations})`, `satisfaction-${r.key}`) },
            { title: t('超期', 'Overdue'), key: 'over', render: (_: unknown, r) => r.unsignedPastDue + r.unansweredPastDue },
            { title: t('催办率', 'Urged'), key: 'urged', render: (_: unknown, r) => `${percent(r.urgeRate)} (${r.urged}/${r.workOrders})` },
          ]}
        />
      </Card>
      {drill && <RateDrillDown key={`${drill.groupBy}|${drill.key}|${drill.rate}|${from}|${to}`} cell={drill} from={from} to={to} onClose={() => setDrill(null)} />}
      <DispatchQualityCard from={from} to={to} />
      <LinkageCard from={from} to={to} />
    </Space>
  );
}

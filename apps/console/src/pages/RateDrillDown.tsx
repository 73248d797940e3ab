// 三率明细 (drill-down): the requests behind one cell of the dashboard — a group's 响应率 (its work
// orders), 解决率 or 满意率 (each request's latest revisit) — as analytics counts them, so the list's
// total is the denominator (or numerator) the dashboard shows. Paged by the server; each row links
// to the request's 督办 view. Ids, numbers, days and codes only: no requester data.
import { useState } from 'react';
import { Drawer, Segmented, Space, Statistic, Table, Typography } from 'antd';
import {
  DRILL_DOWN_OUTCOME_LABELS,
  DRILL_DOWN_OUTCOMES,
  DRILL_DOWN_RATE_LABELS,
  DRILL_DOWN_RATES,
  RATE_EXCLUSION_REASON_LABELS,
  RATE_FACT_RESULT_LABELS,
  type DrillDownOutcome,
  type DrillDownRate,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { RateFactView, RateRequestsView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { useCategoryName, useRequestBriefs } from './oversight-shared';
import { formatTime, ProblemAlert } from './shared';

const PAGE_SIZE = 20;

/** One cell of the dashboard: a group of a grouping (or the whole period when `key` is null), within the period. */
export interface DrillCell {
  groupBy: 'unit' | 'category' | 'day';
  key: string | null;
  label: string;
  rate: DrillDownRate;
  outcome?: DrillDownOutcome;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The cell's query: its group's key (a day cell is its one day), and the dashboard's period. */
function cellQuery(cell: DrillCell, from?: string, to?: string) {
  if (cell.key !== null && cell.groupBy === 'day') return { from: cell.key, to: cell.key };
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(cell.key === null ? {} : { [cell.groupBy]: cell.key }) };
}

export function RateDrillDown({ cell, from, to, onClose }: { cell: DrillCell; from?: string; to?: string; onClose: () => void }) {
  const t = useT();
  const [rate, setRate] = useState<DrillDownRate>(cell.rate);
  const [outcome, setOutcome] = useState<DrillDownOutcome>(cell.outcome ?? 'denominator');
  const [page, setPage] = useState(1);
  const categoryName = useCategoryName();
  const query = cellQuery(cell, from, to);
  const list = usePolled(
    () =>
      unwrap<RateRequestsView>(
        api.analytics.GET('/v1/metrics/rates/requests', { params: { query: { rate, outcome, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...query } } }),
      ),
    [rate, outcome, page, JSON.stringify(query)],
    15_000,
  );
  const items = list.data?.items ?? [];
  // Requests stored before analytics kept numbers: their number read from intake.
  const unnumbered = items.filter((i) => !i.requestNumber && i.requestId).map((i) => i.requestId as string);
  const briefs = useRequestBriefs(unnumbered);
  const numberOf = (i: RateFactView) => i.requestNumber ?? briefs.items.find((b) => b.id === i.requestId)?.request?.number ?? null;
  const rateLabel = t.label(DRILL_DOWN_RATE_LABELS[rate], rate);
  const f = list.data?.figures;
  const shown = (i: RateFactView) => (i.result ? t.label(RATE_FACT_RESULT_LABELS[i.result], i.result) : '—');
  return (
    <Drawer
      open
      size={880}
      onClose={onClose}
      destroyOnHidden
      title={t(`${cell.label} · ${rateLabel}明细`, `${cell.label} · ${rateLabel} details`)}
      data-testid="rate-drill-down"
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Segmented<DrillDownRate>
            aria-label={t('指标', 'Rate')}
            value={rate}
            onChange={(v) => { setRate(v); setPage(1); }}
            options={DRILL_DOWN_RATES.map((r) => ({ value: r, label: t.label(DRILL_DOWN_RATE_LABELS[r], r) }))}
          />
          <Segmented<DrillDownOutcome>
            aria-label={t('口径', 'Which facts')}
            value={outcome}
            onChange={(v) => { setOutcome(v); setPage(1); }}
            options={DRILL_DOWN_OUTCOMES.map((o) => ({ value: o, label: t.label(DRILL_DOWN_OUTCOME_LABELS[o], o) }))}
          />
        </Space>
        <ProblemAlert error={list.error} />
        {f && (
          <Space size="large" data-testid="drill-down-figures">
            <Statistic title={rateLabel} value={percent(f.rate)} />
            <Statistic title={t('分子', 'Numerator')} value={f.numerator} />
            <Statistic title={t('分母', 'Denominator')} value={f.denominator} />
            <Statistic title={t('未计入', 'Left out')} value={f.excluded} />
          </Space>
        )}
        <Typography.Text type="secondary">
          {rate === 'response'
            ? t('响应率按工单计：一件诉求有多张工单时各列一行。', 'The response rate counts work orders: a request with several orders is listed once for each.')
            : t('按每件诉求最近一次回访评价计（重办后以第二次为准）。', 'Each request’s latest revisit counts (after a redo, the second).')}
        </Typography.Text>
        <Table<RateFactView>
          rowKey={(i) => `${i.requestId}|${i.workOrderId ?? ''}`}
          size="small"
          data-testid="drill-down-rows"
          loading={list.loading && !list.data}
          dataSource={items}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t(`共 ${n} 件`, `${n} in all`) }}
          locale={{ emptyText: <Typography.Text>{t('没有符合条件的诉求', 'Nothing here')}</Typography.Text> }}
          columns={[
            {
              title: t('诉求编号', 'Request'),
              key: 'number',
              render: (_: unknown, i) => {
                if (!i.requestId) return '—';
                const number = numberOf(i);
                return <a href={`#/supervision/request/${i.requestId}`}>{number ?? `${i.requestId.slice(0, 8)}…`}</a>;
              },
            },
            { title: t('受理时间', 'Received'), key: 'received', render: (_: unknown, i) => formatTime(i.receivedAt, t.lang) },
            { title: t('承办单位', 'Unit'), key: 'unit', render: (_: unknown, i) => i.unitName ?? i.unitId ?? '—' },
            { title: t('分类', 'Category'), key: 'category', render: (_: unknown, i) => categoryName(i.categoryCode) },
            { title: t('结果', 'Outcome'), key: 'result', render: (_: unknown, i) => shown(i) },
            {
              title: t('计入', 'Counted'),
              key: 'counted',
              render: (_: unknown, i) =>
                i.excludedBecause
                  ? t.label(RATE_EXCLUSION_REASON_LABELS[i.excludedBecause], i.excludedBecause)
                  : i.weight > 0
                    ? t(`分子 ${i.weight === 1 ? '' : `×${i.weight}`}`.trim(), `numerator${i.weight === 1 ? '' : ` ×${i.weight}`}`)
                    : t('仅分母', 'denominator only'),
            },
          ]}
        />
      </Space>
    </Drawer>
  );
}

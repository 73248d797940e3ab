import type { RateBasis, RateRow } from '@hotline/analytics-domain';
import type { RatesQuery, StatusesQuery } from './metrics.schemas';
import type { StatusFigures } from './statuses.query';

/**
 * GET /v1/metrics/statuses (and its alias /stages): `items` lists every request status with
 * its count, `total` is their sum, `directAnswers` the requests among them answered directly at
 * intake (直接办理), which are `closed` (or `archived` later) like any other closed request;
 * `terminated` the requests terminated (诉求终结), whatever their status since, and
 * `terminationReasons` every reason of the vocabulary with its count.
 */
export function statusesView(q: StatusesQuery, figures: StatusFigures) {
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    total: figures.items.reduce((sum, i) => sum + i.count, 0),
    items: figures.items,
    directAnswers: figures.directAnswers,
    terminated: figures.terminated,
    terminationReasons: figures.terminationReasons,
  };
}

/** GET /v1/metrics/rates: the query echoed, how the rates were computed, the number of rows, and the page of them. */
export function ratesView(q: RatesQuery, basis: RateBasis, rows: readonly RateRow[]) {
  return {
    groupBy: q.groupBy,
    from: q.from ?? null,
    to: q.to ?? null,
    basis,
    total: rows.length,
    limit: q.limit,
    offset: q.offset,
    items: rows.slice(q.offset, q.offset + q.limit),
  };
}

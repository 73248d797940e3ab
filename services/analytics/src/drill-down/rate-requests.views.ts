import { rate } from '@hotline/analytics-domain';
import type { RateRequests } from './rate-requests.query';
import type { RateRequestsQuery } from './rate-requests.schemas';

/**
 * GET /v1/metrics/rates/requests: the cell asked for echoed, the rate settings it was counted
 * with, the cell's figures (numerator, denominator and the rate as the rates row shows them, and
 * the facts left out), and a page of the facts of the outcome with how many there are. Ids,
 * numbers, days, codes and unit names only: nothing that identifies a requester.
 */
export function rateRequestsView(q: RateRequestsQuery, r: RateRequests) {
  return {
    rate: q.rate,
    outcome: q.outcome,
    unit: q.unit ?? null,
    category: q.category ?? null,
    area: q.area ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    basis: r.basis,
    figures: { ...r.figures, rate: rate(r.figures.numerator, r.figures.denominator) },
    total: r.total,
    limit: q.limit,
    offset: q.offset,
    items: r.items.map((i) => ({ ...i, receivedAt: i.receivedAt?.toISOString() ?? null })),
  };
}

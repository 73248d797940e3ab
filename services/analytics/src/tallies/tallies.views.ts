import type { TalliesPage } from './tallies.query';
import type { TalliesQuery } from './tallies.schemas';

/** GET /v1/event-tallies: the filter echoed (null when unbounded), the page and the total. */
export function talliesView(q: TalliesQuery, page: TalliesPage) {
  return { from: q.from ?? null, to: q.to ?? null, total: page.total, limit: q.limit, offset: q.offset, items: page.items };
}

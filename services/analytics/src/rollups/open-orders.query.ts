import { EntityManager } from 'typeorm';
import { KeyedCompletionCounts, KeyedWorkOrderCounts, NO_WORK_ORDERS, RateGrouping } from '@hotline/analytics-domain';
import type { RateFilter } from '../metrics/metrics.repository';
import { COMPLETION_KEY_OF, inDays, ORDER_KEY_OF } from './rollup-keys';

/**
 * What the open orders (rate_open_orders) add at `now`: an unsigned order whose sign-for due
 * has passed, an order without a standing answer whose original due has passed. The rollups
 * hold the rest of every count.
 */
export async function openOrderCounts(m: EntityManager, grouping: RateGrouping, f: RateFilter): Promise<KeyedWorkOrderCounts[]> {
  const rows: Array<{ key: string | null; unsignedPastDue: number; unansweredPastDue: number }> = await m.query(
    `select ${ORDER_KEY_OF[grouping]} as key,
       (count(*) filter (where o.sign_due_at <= $3))::int as "unsignedPastDue",
       (count(*) filter (where o.handle_due_at <= $3))::int as "unansweredPastDue"
     from rate_open_orders o
     where ${inDays('o.day')} and not ($4::boolean and o.terminated) and (o.sign_due_at <= $3 or o.handle_due_at <= $3)
     group by 1`,
    [f.range.from ?? null, f.range.to ?? null, f.now, f.excludeTerminated],
  );
  return rows.map((r) => ({ ...NO_WORK_ORDERS, ...r }));
}

/**
 * Completion (按时办结) of the requests with an order still open (rate_open_requests), judged at
 * `now` as the reference rates judge them: late once `now` reaches late_at, never on time; the
 * rollups hold the requests whose orders are all done.
 */
export async function openCompletionCounts(m: EntityManager, grouping: RateGrouping, f: RateFilter): Promise<KeyedCompletionCounts[]> {
  return m.query(
    `select ${COMPLETION_KEY_OF[grouping]} as key,
       (count(*) filter (where p.late_at <= $3))::int as "completionDenominator", 0 as "requestsCompletedOnTime"
     from rate_open_requests p
     where ${inDays('p.day')} and not ($4::boolean and p.terminated)
     group by 1`,
    [f.range.from ?? null, f.range.to ?? null, f.now, f.excludeTerminated],
  );
}

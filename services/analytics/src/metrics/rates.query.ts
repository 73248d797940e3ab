import { mergeRateRows, RateRow, UNKNOWN_KEY } from '@hotline/analytics-domain';
import type { TenantDb } from '@hotline/platform';
import { revisitCounts, unitNames, workOrderCounts } from './metrics.repository';
import type { RatesQuery } from './metrics.schemas';

/**
 * Every rate row of the tenant for the grouping, of requests received within the days; orders
 * are judged at `now` (a due not yet passed leaves an order out of its rate). One snapshot.
 */
export function rateRows(db: TenantDb, tenantId: string, q: RatesQuery, now: Date = new Date()): Promise<RateRow[]> {
  const range = { from: q.from, to: q.to };
  return db.read(tenantId, async (m) => {
    const orders = await workOrderCounts(m, q.groupBy, range, now);
    const revisits = await revisitCounts(m, q.groupBy, range);
    const revisitUnits = revisits.map((r) => r.key).filter((key): key is string => !!key && key !== UNKNOWN_KEY);
    const names = q.groupBy === 'unit' ? await unitNames(m, revisitUnits) : new Map<string, string>();
    return mergeRateRows(q.groupBy, orders, revisits, names);
  });
}

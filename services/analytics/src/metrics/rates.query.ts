import { EntityManager } from 'typeorm';
import { mergeRateRows, RateBasis, RateGrouping, RateRow, RateSources, UNKNOWN_KEY } from '@hotline/analytics-domain';
import type { TenantDb } from '@hotline/platform';
import { loadRateBasis } from '../rate-settings/rate-settings.repository';
import { rollupRateCounts } from '../rollups/rollup-rates.query';
import { completionCounts, RateFilter, revisitCounts, unitNames, workOrderCounts } from './metrics.repository';
import type { RatesQuery } from './metrics.schemas';

export interface RateFigures {
  /** The tenant's settings the rows were computed with. */
  basis: RateBasis;
  rows: RateRow[];
}

/** Where the counts of the rates come from: the rollups (served), or the facts themselves (the reference). */
export type RateCountSource = (m: EntityManager, grouping: RateGrouping, filter: RateFilter) => Promise<RateSources>;

/** The reference: every count aggregated from the fact tables at query time (what the rollups must equal). */
export const factRateCounts: RateCountSource = async (m, grouping, filter) => ({
  orders: await workOrderCounts(m, grouping, filter),
  revisits: await revisitCounts(m, grouping, filter),
  completions: await completionCounts(m, grouping, filter),
});

/**
 * Every rate row of the tenant for the grouping, of requests received within the days, computed
 * with the tenant's rate settings; orders are judged at `now` (a due not yet passed leaves an
 * order out of its rate). One snapshot, settings included.
 */
export function rateFigures(
  db: TenantDb,
  tenantId: string,
  q: RatesQuery,
  now: Date = new Date(),
  counts: RateCountSource = rollupRateCounts,
): Promise<RateFigures> {
  return db.read(tenantId, async (m) => {
    const basis = await loadRateBasis(m, tenantId);
    const filter: RateFilter = {
      range: { from: q.from, to: q.to },
      now,
      excludeTerminated: basis.excludeTerminated,
      excludeUnreasonableEvaluations: basis.excludeUnreasonableEvaluations,
    };
    const { orders, revisits, completions = [] } = await counts(m, q.groupBy, filter);
    const named = new Set(orders.map((o) => o.key));
    const unnamed = [...revisits, ...completions]
      .map((r) => r.key)
      .filter((key): key is string => !!key && key !== UNKNOWN_KEY && !named.has(key));
    const names = q.groupBy === 'unit' ? await unitNames(m, [...new Set(unnamed)]) : new Map<string, string>();
    return { basis, rows: mergeRateRows(q.groupBy, { orders, revisits, completions }, { unitNames: names, weights: basis }) };
  });
}

/** The rows alone (see rateFigures). */
export async function rateRows(
  db: TenantDb,
  tenantId: string,
  q: RatesQuery,
  now: Date = new Date(),
  counts: RateCountSource = rollupRateCounts,
): Promise<RateRow[]> {
  return (await rateFigures(db, tenantId, q, now, counts)).rows;
}

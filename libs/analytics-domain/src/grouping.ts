import { DEFAULT_RATE_SETTINGS, RateWeights } from './rate-settings';
import { CompletionCounts, NO_COMPLETIONS, NO_REVISITS, NO_WORK_ORDERS, RateRow, rateRow, RevisitCounts, WorkOrderCounts } from './rates';

/**
 * What a rate row is for: a handling unit, a content category, an area (the request's division
 * code), or a period of receipt days (a local day, an ISO week `2025-W10`, a month `2025-03`).
 */
export const RATE_GROUPINGS = ['unit', 'category', 'area', 'day', 'week', 'month'] as const;
export type RateGrouping = (typeof RATE_GROUPINGS)[number];

/** Key of facts whose unit, category, area or receipt day is not known (yet). */
export const UNKNOWN_KEY = '(unknown)';

/** A grouping key from a fact's unit id, category code, area code or period. */
export function groupKey(value: string | null | undefined): string {
  return value ? value : UNKNOWN_KEY;
}

export interface KeyedWorkOrderCounts extends WorkOrderCounts {
  key: string | null;
  /** The unit's name when grouped by unit. */
  label?: string | null;
}

export interface KeyedRevisitCounts extends RevisitCounts {
  key: string | null;
}

export interface KeyedCompletionCounts extends CompletionCounts {
  key: string | null;
}

/** The three aggregates a rate row is made of, each keyed by the grouping. */
export interface RateSources {
  orders: readonly KeyedWorkOrderCounts[];
  revisits: readonly KeyedRevisitCounts[];
  completions?: readonly KeyedCompletionCounts[];
}

export interface MergeOptions {
  /** Names of units for groups that no work order names. */
  unitNames?: ReadonlyMap<string, string>;
  weights?: RateWeights;
}

/**
 * Joins work-order, revisit and completion counts on their key into one rate row per key,
 * ordered by key. Rows whose key is unknown merge into one UNKNOWN_KEY group. Labels: the unit
 * name for units (from `unitNames` when no work order of the group names it), the key otherwise.
 */
export function mergeRateRows(grouping: RateGrouping, sources: RateSources, options: MergeOptions = {}): RateRow[] {
  const unitNames = options.unitNames ?? new Map<string, string>();
  const orderByKey = new Map<string, { counts: WorkOrderCounts; label?: string | null }>();
  for (const o of sources.orders) {
    const key = groupKey(o.key);
    const known = orderByKey.get(key);
    orderByKey.set(key, { counts: addCounts(known?.counts ?? NO_WORK_ORDERS, o), label: known?.label || o.label });
  }
  const revisitByKey = sumByKey(sources.revisits, NO_REVISITS);
  const completionByKey = sumByKey(sources.completions ?? [], NO_COMPLETIONS);
  const keys = new Set([...orderByKey.keys(), ...revisitByKey.keys(), ...completionByKey.keys()]);
  return [...keys].sort().map((key) => {
    const o = orderByKey.get(key);
    const label = grouping === 'unit' ? o?.label || unitNames.get(key) || key : key;
    return rateRow(
      key,
      label,
      o?.counts ?? NO_WORK_ORDERS,
      revisitByKey.get(key) ?? NO_REVISITS,
      completionByKey.get(key) ?? NO_COMPLETIONS,
      options.weights ?? DEFAULT_RATE_SETTINGS,
    );
  });
}

function sumByKey<C extends object>(rows: ReadonlyArray<C & { key: string | null }>, zero: C): Map<string, C> {
  const byKey = new Map<string, C>();
  for (const r of rows) {
    const key = groupKey(r.key);
    byKey.set(key, addCounts(byKey.get(key) ?? zero, r));
  }
  return byKey;
}

/** Field-wise sum of the numeric counts of `zero`'s shape (the key and label are not counts). */
function addCounts<C extends object>(a: C, b: C): C {
  const sum = { ...a } as Record<string, number>;
  for (const field of Object.keys(a)) sum[field] = (sum[field] ?? 0) + Number((b as Record<string, unknown>)[field] ?? 0);
  return sum as C;
}

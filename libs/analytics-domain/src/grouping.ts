import { NO_REVISITS, NO_WORK_ORDERS, RateRow, rateRow, RevisitCounts, WorkOrderCounts } from './rates';

export const RATE_GROUPINGS = ['unit', 'category', 'day'] as const;
export type RateGrouping = (typeof RATE_GROUPINGS)[number];

/** Key of facts whose unit, category or receipt day is not known (yet). */
export const UNKNOWN_KEY = '(unknown)';

/** A grouping key from a fact's unit id, category code or YYYY-MM-DD day. */
export function groupKey(value: string | null | undefined): string {
  return value ? value : UNKNOWN_KEY;
}

export interface KeyedWorkOrderCounts extends WorkOrderCounts {
  key: string;
  /** The unit's name when grouped by unit. */
  label?: string | null;
}

export interface KeyedRevisitCounts extends RevisitCounts {
  key: string;
}

/**
 * Joins work-order and revisit counts on their key into one rate row per key, ordered by key.
 * Labels: the unit name for units (from `unitNames` when no work order of the group names it),
 * the key itself otherwise.
 */
export function mergeRateRows(
  grouping: RateGrouping,
  orders: readonly KeyedWorkOrderCounts[],
  revisits: readonly KeyedRevisitCounts[],
  unitNames: ReadonlyMap<string, string> = new Map(),
): RateRow[] {
  const keys = new Set<string>();
  const orderByKey = new Map<string, KeyedWorkOrderCounts>();
  const revisitByKey = new Map<string, KeyedRevisitCounts>();
  for (const o of orders) {
    keys.add(groupKey(o.key));
    orderByKey.set(groupKey(o.key), o);
  }
  for (const r of revisits) {
    keys.add(groupKey(r.key));
    revisitByKey.set(groupKey(r.key), r);
  }
  return [...keys].sort().map((key) => {
    const o = orderByKey.get(key);
    const r = revisitByKey.get(key);
    const label = grouping === 'unit' ? (o?.label || unitNames.get(key) || key) : key;
    return rateRow(key, label, pickOrderCounts(o), pickRevisitCounts(r));
  });
}

function pickOrderCounts(o: KeyedWorkOrderCounts | undefined): WorkOrderCounts {
  if (!o) return NO_WORK_ORDERS;
  const { workOrders, signedOnTime, answered, answeredOnTime, handlingWorkingHoursSum } = o;
  return { workOrders, signedOnTime, answered, answeredOnTime, handlingWorkingHoursSum };
}

function pickRevisitCounts(r: KeyedRevisitCounts | undefined): RevisitCounts {
  if (!r) return NO_REVISITS;
  const { revisits, resolved, satisfiedOrBasicallySatisfied } = r;
  return { revisits, resolved, satisfiedOrBasicallySatisfied };
}

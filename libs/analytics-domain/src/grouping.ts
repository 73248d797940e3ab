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
  key: string | null;
  /** The unit's name when grouped by unit. */
  label?: string | null;
}

export interface KeyedRevisitCounts extends RevisitCounts {
  key: string | null;
}

/**
 * Joins work-order and revisit counts on their key into one rate row per key, ordered by key.
 * Rows whose key is unknown merge into one UNKNOWN_KEY group. Labels: the unit name for units
 * (from `unitNames` when no work order of the group names it), the key itself otherwise.
 */
export function mergeRateRows(
  grouping: RateGrouping,
  orders: readonly KeyedWorkOrderCounts[],
  revisits: readonly KeyedRevisitCounts[],
  unitNames: ReadonlyMap<string, string> = new Map(),
): RateRow[] {
  const orderByKey = new Map<string, { counts: WorkOrderCounts; label?: string | null }>();
  const revisitByKey = new Map<string, RevisitCounts>();
  for (const o of orders) {
    const key = groupKey(o.key);
    const known = orderByKey.get(key);
    orderByKey.set(key, { counts: addOrderCounts(known?.counts ?? NO_WORK_ORDERS, o), label: known?.label || o.label });
  }
  for (const r of revisits) {
    const key = groupKey(r.key);
    revisitByKey.set(key, addRevisitCounts(revisitByKey.get(key) ?? NO_REVISITS, r));
  }
  const keys = new Set([...orderByKey.keys(), ...revisitByKey.keys()]);
  return [...keys].sort().map((key) => {
    const o = orderByKey.get(key);
    const label = grouping === 'unit' ? o?.label || unitNames.get(key) || key : key;
    return rateRow(key, label, o?.counts ?? NO_WORK_ORDERS, revisitByKey.get(key) ?? NO_REVISITS);
  });
}

function addOrderCounts(a: WorkOrderCounts, b: WorkOrderCounts): WorkOrderCounts {
  return {
    workOrders: a.workOrders + b.workOrders,
    cancelled: a.cancelled + b.cancelled,
    signed: a.signed + b.signed,
    signedOnTime: a.signedOnTime + b.signedOnTime,
    unsignedPastDue: a.unsignedPastDue + b.unsignedPastDue,
    answered: a.answered + b.answered,
    answeredOnTime: a.answeredOnTime + b.answeredOnTime,
    unansweredPastDue: a.unansweredPastDue + b.unansweredPastDue,
    handlingWorkingHoursSum: a.handlingWorkingHoursSum + b.handlingWorkingHoursSum,
    urged: a.urged + b.urged,
    urgeNotices: a.urgeNotices + b.urgeNotices,
    circulars: a.circulars + b.circulars,
    supervisions: a.supervisions + b.supervisions,
  };
}

function addRevisitCounts(a: RevisitCounts, b: RevisitCounts): RevisitCounts {
  return {
    revisits: a.revisits + b.revisits,
    resolved: a.resolved + b.resolved,
    satisfiedOrBasicallySatisfied: a.satisfiedOrBasicallySatisfied + b.satisfiedOrBasicallySatisfied,
    skippedRevisits: a.skippedRevisits + b.skippedRevisits,
  };
}

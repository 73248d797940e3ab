/**
 * The additive counts of a rollup row (tables rate_rollups and rate_rollup_deltas), in order.
 * Each is a count of facts in the bucket, so a week, a month or a dimension's total is a sum.
 * Where a tenant setting decides what a rate counts, the parts are kept apart and the setting
 * is applied when the rollups are read: orders and revisits of terminated requests are in rows
 * of their own (`terminated` is part of the key), and the evaluations judged unreasonable are
 * counted beside their level (satisfied_unreasonable…). Nothing here depends on the time it is
 * read at: an order still inside its window, or a request with an order still open, adds only
 * what is settled, and the rest is read from the facts of the open orders (open-orders.query.ts).
 */
export const ROLLUP_COUNTS = [
  // Requests received (request_facts rows): volumes of the province figures and the hotspot view.
  'requests',
  // Every work-order row (the province's orders) and those flagged overdue on either clock.
  'orders_all',
  'overdue_orders',
  // Orders created (WorkOrderCounts), counted whatever the exclusions: a rate reads them per `terminated`.
  'work_orders',
  'cancelled',
  'signed',
  'signed_on_time',
  // Settled only: cancelled while unsigned (or without a standing answer) after its due had passed.
  'unsigned_past_due',
  'answered',
  'answered_on_time',
  'unanswered_past_due',
  'handling_hours',
  'urged',
  'urge_notices',
  'circulars',
  'supervisions',
  // Revisits (the latest per request) and their evaluations.
  'revisit_rows',
  'revisits',
  'resolved',
  'partly_resolved',
  'satisfied_or_basically',
  'skipped_revisits',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'satisfied_unreasonable',
  'basically_unreasonable',
  'dissatisfied_unreasonable',
  'unrated',
  'unreasonable',
  'defaulted',
  'redone',
  'redo_rounds',
  'revisit_needed',
  'revisit_done',
  // Requests whose completion (按时办结) is settled: no order is open.
  'completion_rows',
  'completion_denominator',
  'completed_on_time',
] as const;
export type RollupCount = (typeof ROLLUP_COUNTS)[number];

/** Working hours are decimals: numeric keeps a sum that is added to and subtracted from exact. */
export const sqlTypeOf = (column: RollupCount) => (column === 'handling_hours' ? 'numeric' : 'integer');

/** The key of a rollup row beside the tenant: which dimension, the receipt day, its key(s), terminated or not. */
export const ROLLUP_KEY = ['dimension', 'day', 'key1', 'key2', 'terminated'] as const;

/**
 * The dimensions kept, each a row per receipt day: `total` (no key; days, weeks, months),
 * `unit` (key1 the unit, key2 the unit's name on its orders), `category`, `area`, and
 * `category-area` (the hotspot view: key1 the category, key2 the area).
 */
export const ROLLUP_DIMENSIONS = ['total', 'unit', 'category', 'area', 'category-area'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

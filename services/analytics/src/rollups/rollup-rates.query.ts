import { EntityManager } from 'typeorm';
import { KeyedCompletionCounts, KeyedRevisitCounts, KeyedWorkOrderCounts, RateGrouping, RateSources } from '@hotline/analytics-domain';
import type { RateFilter } from '../metrics/metrics.repository';
import { openCompletionCounts, openOrderCounts } from './open-orders.query';
import { DIMENSION_OF, ROLLUP_KEY_OF } from './rollup-keys';
import { ROLLUP_COUNTS } from './rollup-columns';

const ROWS = ['tenant_id', 'dimension', 'day', 'key1', 'key2', 'terminated', ...ROLLUP_COUNTS].join(', ');

/** The rollup rows of a dimension within the days ($1, $2; dimension $3), the columns named: folded rows and the deltas not folded yet, one snapshot. */
// The days as one index range; rows of unknown days only when no day is given.
const DAYS = `(day between coalesce($1::date, '-infinity'::date) and coalesce($2::date, 'infinity'::date))`;
const UNKNOWN_DAYS = `(day is null and $1::date is null and $2::date is null)`;
export const rollupRows = (columns: string) => `(
    select ${columns} from rate_rollups where dimension = $3 and ${DAYS}
    union all
    select ${columns} from rate_rollups where dimension = $3 and ${UNKNOWN_DAYS}
    union all
    select ${columns} from rate_rollup_deltas where dimension = $3 and (${DAYS} or ${UNKNOWN_DAYS})
  ) r`;
const ROLLUP_ROWS = rollupRows(ROWS);

// $4 excludeTerminated, $5 excludeUnreasonableEvaluations.
const COUNTED = `not ($4::boolean and r.terminated)`;
const sum = (expression: string, where = COUNTED) => `coalesce(sum(${expression}) filter (where ${where}), 0)::int`;

type Row = KeyedWorkOrderCounts & KeyedRevisitCounts & KeyedCompletionCounts & { hasOrders: boolean; hasRevisits: boolean; hasCompletions: boolean };

/**
 * The three keyed aggregates of the rates (RateSources), read from the rollups and completed by
 * the open orders at `now`: the same figures as the reference (factRateCounts) for every
 * grouping, range and rate setting. A group is in an aggregate where the reference has one.
 */
export async function rollupRateCounts(m: EntityManager, grouping: RateGrouping, f: RateFilter): Promise<RateSources> {
  const rows: Row[] = await m.query(
    `select ${ROLLUP_KEY_OF[grouping]} as key, max(r.key2) as label,
       sum(r.work_orders) > 0 as "hasOrders", sum(r.revisit_rows) > 0 as "hasRevisits", ${sum('r.completion_rows')} > 0 as "hasCompletions",
       ${sum('r.work_orders')} as "workOrders", ${sum('r.cancelled')} as cancelled, ${sum('r.signed')} as signed,
       ${sum('r.signed_on_time')} as "signedOnTime", ${sum('r.unsigned_past_due')} as "unsignedPastDue",
       ${sum('r.answered')} as answered, ${sum('r.answered_on_time')} as "answeredOnTime", ${sum('r.unanswered_past_due')} as "unansweredPastDue",
       coalesce(sum(r.handling_hours) filter (where ${COUNTED}), 0)::float8 as "handlingWorkingHoursSum",
       ${sum('r.urged')} as urged, ${sum('r.urge_notices')} as "urgeNotices", ${sum('r.circulars')} as circulars,
       ${sum('r.supervisions')} as supervisions, ${sum('r.work_orders', 'r.terminated')} as "terminatedWorkOrders",
       ${sum('r.revisits')} as revisits, ${sum('r.resolved')} as resolved, ${sum('r.partly_resolved')} as "partlyResolved",
       ${sum('r.satisfied_or_basically')} as "satisfiedOrBasicallySatisfied", ${sum('r.skipped_revisits')} as "skippedRevisits",
       ${sum('r.satisfied - case when $5::boolean then r.satisfied_unreasonable else 0 end')} as satisfied,
       ${sum('r.basically_satisfied - case when $5::boolean then r.basically_unreasonable else 0 end')} as "basicallySatisfied",
       ${sum('r.dissatisfied - case when $5::boolean then r.dissatisfied_unreasonable else 0 end')} as dissatisfied,
       ${sum('r.unrated')} as "unratedEvaluations", ${sum('r.unreasonable')} as "unreasonableEvaluations",
       ${sum('r.defaulted')} as "defaultedEvaluations", ${sum('r.redone')} as redone, ${sum('r.redo_rounds')} as "redoRounds",
       ${sum('r.revisit_needed', 'not r.terminated')} as "revisitDenominator", ${sum('r.revisit_done', 'not r.terminated')} as "revisitedRequests",
       ${sum('r.completion_denominator')} as "completionDenominator", ${sum('r.completed_on_time')} as "requestsCompletedOnTime"
     from ${ROLLUP_ROWS}
     group by 1`,
    [f.range.from ?? null, f.range.to ?? null, DIMENSION_OF[grouping], f.excludeTerminated, f.excludeUnreasonableEvaluations],
  );
  const orders: KeyedWorkOrderCounts[] = rows.filter((r) => r.hasOrders).map((r) => ({ ...r, label: grouping === 'unit' ? r.label : null }));
  const openOrders = await openOrderCounts(m, grouping, f);
  const openCompletions = await openCompletionCounts(m, grouping, f);
  return {
    orders: [...orders, ...openOrders],
    revisits: rows.filter((r) => r.hasRevisits),
    completions: [...rows.filter((r) => r.hasCompletions), ...openCompletions],
  };
}

import { EntityManager } from 'typeorm';
import { KeyedRevisitCounts, KeyedWorkOrderCounts, RateGrouping } from '@hotline/analytics-domain';
import { RevisitOutcome, SATISFIED_LEVELS, ScopeDecision } from '@hotline/vocabulary';
import type { DayRange } from '../common/day-range.schemas';

const days = (range: DayRange) => [range.from ?? null, range.to ?? null];
const inDays = (column: string) => `($1::date is null or ${column} >= $1::date) and ($2::date is null or ${column} <= $2::date)`;

// Fixed per grouping, never built from input. A work order carries its unit and its request's
// category and receipt day; a revisit counts for the unit whose answer was evaluated, and for
// its request's category and receipt day.
const WORK_ORDER_KEY: Record<RateGrouping, string> = {
  unit: 'unit_id',
  category: 'category_code',
  day: `to_char(day, 'YYYY-MM-DD')`,
};
const REVISIT_KEY: Record<RateGrouping, string> = {
  unit: 'r.unit_id',
  category: 'q.category_code',
  day: `to_char(q.day, 'YYYY-MM-DD')`,
};

// An answer stands until review sends it back; the next answer stands again.
const ANSWER_STANDS = `(answered_at is not null and (reopened_at is null or answered_at > reopened_at))`;
// A due counts as passed at $3 (now), or, for a cancelled order, only if it passed before the cancellation.
const PASSED = (due: string) => `${due} <= coalesce(cancelled_at, $3)`;

/** Work-order counts per group of the orders created for requests received within the days (RATE_FORMULAS). */
export async function workOrderCounts(m: EntityManager, grouping: RateGrouping, range: DayRange, now: Date): Promise<KeyedWorkOrderCounts[]> {
  return m.query(
    `select ${WORK_ORDER_KEY[grouping]} as key,
       max(unit_name) as label,
       count(*)::int as "workOrders",
       (count(*) filter (where cancelled_at is not null))::int as cancelled,
       (count(*) filter (where signed_at is not null))::int as signed,
       (count(*) filter (where signed_at is not null and signed_on_time))::int as "signedOnTime",
       (count(*) filter (where signed_at is null and ${PASSED('sign_due_at')}))::int as "unsignedPastDue",
       (count(*) filter (where ${ANSWER_STANDS}))::int as answered,
       (count(*) filter (where ${ANSWER_STANDS} and answered_on_time))::int as "answeredOnTime",
       (count(*) filter (where not ${ANSWER_STANDS} and ${PASSED('handle_due_at')}))::int as "unansweredPastDue",
       coalesce(sum(handling_working_hours) filter (where ${ANSWER_STANDS}), 0)::float8 as "handlingWorkingHoursSum",
       (count(*) filter (where urges > 0))::int as urged,
       (count(*) filter (where urge_notice_at is not null))::int as "urgeNotices",
       (count(*) filter (where urge_circular_at is not null))::int as circulars,
       coalesce(sum(supervisions), 0)::int as supervisions
     from work_order_facts
     where created_at is not null and ${inDays('day')}
     group by 1`,
    [...days(range), now],
  );
}

const EVALUATED: RevisitOutcome = 'evaluated';
const SKIPPED: RevisitOutcome = 'skipped';

/** Revisit counts per group: the latest evaluation of each request, skipped revisits apart. */
export async function revisitCounts(m: EntityManager, grouping: RateGrouping, range: DayRange): Promise<KeyedRevisitCounts[]> {
  return m.query(
    `select ${REVISIT_KEY[grouping]} as key,
       (count(*) filter (where r.outcome = $3))::int as revisits,
       (count(*) filter (where r.outcome = $3 and r.resolved))::int as resolved,
       (count(*) filter (where r.outcome = $3 and r.satisfaction = any($5::text[])))::int as "satisfiedOrBasicallySatisfied",
       (count(*) filter (where r.outcome = $4))::int as "skippedRevisits"
     from revisit_facts r
     left join request_facts q on q.tenant_id = r.tenant_id and q.request_id = r.request_id
     where ${inDays('q.day')}
     group by 1`,
    [...days(range), EVALUATED, SKIPPED, SATISFIED_LEVELS],
  );
}

/** Names of units known from their work orders, for groups that only revisits name. */
export async function unitNames(m: EntityManager, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows: Array<{ unit_id: string; unit_name: string }> = await m.query(
    `select unit_id, max(unit_name) as unit_name from work_order_facts
     where unit_id = any($1::text[]) and unit_name is not null group by unit_id`,
    [unitIds],
  );
  return new Map(rows.map((r) => [r.unit_id, r.unit_name]));
}

const DIRECT_ANSWER: ScopeDecision = 'direct-answer';

/**
 * Requests received within the days by their current status (as intake last published it), and
 * how many of them intake answered directly (直接办理), whatever their status since. Requests
 * whose first status change has not arrived yet are not counted.
 */
export async function requestsByStatus(
  m: EntityManager,
  range: DayRange,
): Promise<{ counts: Array<{ status: string; count: number }>; directAnswers: number }> {
  const rows: Array<{ status: string; count: number; direct: number }> = await m.query(
    `select status, count(*)::int as count, (count(*) filter (where intake_outcome = $3))::int as direct
     from request_facts
     where status is not null and ${inDays('day')}
     group by status`,
    [...days(range), DIRECT_ANSWER],
  );
  return { counts: rows, directAnswers: rows.reduce((sum, r) => sum + r.direct, 0) };
}

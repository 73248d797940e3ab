import { EntityManager } from 'typeorm';
import { KeyedCompletionCounts, KeyedRevisitCounts, KeyedWorkOrderCounts, RateGrouping } from '@hotline/analytics-domain';
import {
  AssignmentRole,
  EvaluationJudgement,
  Resolution,
  RevisitOutcome,
  RevisitSkipReason,
  Satisfaction,
  SATISFIED_LEVELS,
  ScopeDecision,
} from '@hotline/vocabulary';
import type { DayRange } from '../common/day-range.schemas';

const days = (range: DayRange) => [range.from ?? null, range.to ?? null];
const inDays = (column: string) => `($1::date is null or ${column} >= $1::date) and ($2::date is null or ${column} <= $2::date)`;

/** What every rate query is asked: the receipt days, the instant orders are judged at, and the tenant's exclusions. */
export interface RateFilter {
  range: DayRange;
  now: Date;
  excludeTerminated: boolean;
  excludeUnreasonableEvaluations: boolean;
}

// Period keys of a receipt day: the day, its ISO week (2025-W10, Monday to Sunday) and its month.
// Each sorts as text in time order.
const periodKeys = (day: string) => ({
  day: `to_char(${day}, 'YYYY-MM-DD')`,
  week: `to_char(${day}, 'IYYY-"W"IW')`,
  month: `to_char(${day}, 'YYYY-MM')`,
});

// Fixed per grouping, never built from input. A work order carries its unit, and its request's
// category, area and receipt day; a revisit counts for the unit whose answer was evaluated, and
// for its request's category, area and receipt day; a request's completion counts for its
// primary unit, and its category, area and receipt day.
const WORK_ORDER_KEY: Record<RateGrouping, string> = {
  unit: 'o.unit_id',
  category: 'o.category_code',
  area: 'o.area_code',
  ...periodKeys('o.day'),
};
const REVISIT_KEY: Record<RateGrouping, string> = {
  unit: 'r.unit_id',
  category: 'r.category_code',
  area: 'r.area_code',
  ...periodKeys('r.day'),
};
const COMPLETION_KEY: Record<RateGrouping, string> = {
  unit: 'p.unit_id',
  category: 'p.category_code',
  area: 'p.area_code',
  ...periodKeys('p.day'),
};

// An answer stands until review sends it back; the next answer stands again.
const ANSWER_STANDS = `(answered_at is not null and (reopened_at is null or answered_at > reopened_at))`;
// A due counts as passed at $3 (now), or, for a cancelled order, only if it passed before the cancellation.
const PASSED = (due: string) => `${due} <= coalesce(cancelled_at, $3)`;
// The work orders of requests received within the days ($1, $2): one index range. Whether an
// order's request is terminated is looked up among the terminated requests only (a partial
// index, few rows). An order of a terminated request is counted in a rate only where the tenant
// keeps those ($4).
const WORK_ORDERS_IN_DAYS = `(
  select o.*, t.request_id is not null as terminated, not ($4::boolean and t.request_id is not null) as counted
  from work_order_facts o
  left join request_facts t on t.tenant_id = o.tenant_id and t.request_id = o.request_id and t.terminated_at is not null
  where o.created_at is not null and ${inDays('o.day')}
) o`;

/** Work-order counts per group of the orders created for requests received within the days (RATE_FORMULAS). */
export async function workOrderCounts(m: EntityManager, grouping: RateGrouping, f: RateFilter): Promise<KeyedWorkOrderCounts[]> {
  return m.query(
    `select ${WORK_ORDER_KEY[grouping]} as key,
       max(unit_name) as label,
       (count(*) filter (where counted))::int as "workOrders",
       (count(*) filter (where counted and cancelled_at is not null))::int as cancelled,
       (count(*) filter (where counted and signed_at is not null))::int as signed,
       (count(*) filter (where counted and signed_at is not null and signed_on_time))::int as "signedOnTime",
       (count(*) filter (where counted and signed_at is null and ${PASSED('sign_due_at')}))::int as "unsignedPastDue",
       (count(*) filter (where counted and ${ANSWER_STANDS}))::int as answered,
       (count(*) filter (where counted and ${ANSWER_STANDS} and answered_on_time))::int as "answeredOnTime",
       (count(*) filter (where counted and not ${ANSWER_STANDS} and ${PASSED('handle_due_at')}))::int as "unansweredPastDue",
       coalesce(sum(handling_working_hours) filter (where counted and ${ANSWER_STANDS}), 0)::float8 as "handlingWorkingHoursSum",
       (count(*) filter (where counted and urges > 0))::int as urged,
       (count(*) filter (where counted and urge_notice_at is not null))::int as "urgeNotices",
       (count(*) filter (where counted and urge_circular_at is not null))::int as circulars,
       coalesce(sum(supervisions) filter (where counted), 0)::int as supervisions,
       (count(*) filter (where terminated))::int as "terminatedWorkOrders"
     from ${WORK_ORDERS_IN_DAYS}
     group by 1`,
    [...days(f.range), f.now, f.excludeTerminated],
  );
}

const EVALUATED: RevisitOutcome = 'evaluated';
const SKIPPED: RevisitOutcome = 'skipped';
// A revisit attempted and never answered was needed (回访率's denominator); one not sampled, or of
// an anonymous requester (nobody to contact), was not.
const NEEDED_SKIP: RevisitSkipReason = 'attempts-exhausted';
const RESOLVED: Resolution = 'resolved';
const PARTLY_RESOLVED: Resolution = 'partly-resolved';
const REASONABLE: EvaluationJudgement = 'reasonable';
const UNREASONABLE: EvaluationJudgement = 'unreasonable';
const SATISFIED: Satisfaction = 'satisfied';
const BASICALLY_SATISFIED: Satisfaction = 'basically-satisfied';
const DISSATISFIED: Satisfaction = 'dissatisfied';

// A request's latest revisit, the judgement of that evaluation (by its key), and the request's
// reasonable judgements (rounds of 重办; judgements are few: only 差评 are judged). Within days:
// the requests received on them (an index range), each one's revisit looked up by its key
// (`offset 0` keeps it a lookup per request, never a scan of every revisit of the tenant).
// Without days: every revisit, those whose request is not known yet under UNKNOWN_KEY.
const JUDGEMENTS = `left join evaluation_judgements j on j.tenant_id = r.tenant_id and j.revisit_id = r.revisit_id
  left join (
    select tenant_id, request_id, count(*)::int as rounds from evaluation_judgements where judgement = $14 group by tenant_id, request_id
  ) redo on redo.tenant_id = r.tenant_id and redo.request_id = r.request_id`;
const REVISITS_IN_DAYS = `request_facts q
  cross join lateral (select * from revisit_facts r where r.tenant_id = q.tenant_id and r.request_id = q.request_id offset 0) r
  ${JUDGEMENTS}
  where ${inDays('q.day')}`;
const EVERY_REVISIT = `revisit_facts r
  left join request_facts q on q.tenant_id = r.tenant_id and q.request_id = r.request_id
  ${JUDGEMENTS}
  where ${inDays('q.day')}`;

/**
 * Revisit counts per group: the latest evaluation of each request (after 重办 the second replaces
 * the first), its judgement if it was judged, and the reasonable judgements of the request (重办).
 */
export async function revisitCounts(m: EntityManager, grouping: RateGrouping, f: RateFilter): Promise<KeyedRevisitCounts[]> {
  // A valid evaluation (有效参评) of 满意率: rated, and not judged unreasonable where the tenant leaves those out ($5).
  const valid = `evaluated and satisfaction is not null and not ($5::boolean and coalesce(judgement = $15, false))`;
  return m.query(
    `select ${REVISIT_KEY[grouping]} as key,
       (count(*) filter (where counted and evaluated))::int as revisits,
       (count(*) filter (where counted and evaluated and resolution = $6))::int as resolved,
       (count(*) filter (where counted and evaluated and resolution = $7))::int as "partlyResolved",
       (count(*) filter (where counted and evaluated and satisfaction = any($8::text[])))::int as "satisfiedOrBasicallySatisfied",
       (count(*) filter (where counted and outcome = $9))::int as "skippedRevisits",
       (count(*) filter (where counted and ${valid} and satisfaction = $10))::int as satisfied,
       (count(*) filter (where counted and ${valid} and satisfaction = $11))::int as "basicallySatisfied",
       (count(*) filter (where counted and ${valid} and satisfaction = $12))::int as dissatisfied,
       (count(*) filter (where counted and evaluated and satisfaction is null))::int as "unratedEvaluations",
       (count(*) filter (where counted and evaluated and judgement = $15))::int as "unreasonableEvaluations",
       (count(*) filter (where counted and evaluated and defaulted))::int as "defaultedEvaluations",
       (count(*) filter (where counted and evaluated and redo_rounds > 0))::int as redone,
       coalesce(sum(redo_rounds) filter (where counted and evaluated), 0)::int as "redoRounds",
       (count(*) filter (where not terminated and closed_at is not null and (evaluated or skip_reason = $13)))::int as "revisitDenominator",
       (count(*) filter (where not terminated and closed_at is not null and evaluated))::int as "revisitedRequests"
     from (
       select r.*, r.outcome = $3 as evaluated, j.judgement, coalesce(redo.rounds, 0) as redo_rounds, q.category_code, q.area_code, q.day, q.closed_at,
         q.terminated_at is not null as terminated, not ($4::boolean and q.terminated_at is not null) as counted
       from ${f.range.from || f.range.to ? REVISITS_IN_DAYS : EVERY_REVISIT}
     ) r
     group by 1`,
    [
      ...days(f.range), EVALUATED, f.excludeTerminated, f.excludeUnreasonableEvaluations, RESOLVED, PARTLY_RESOLVED, SATISFIED_LEVELS,
      SKIPPED, SATISFIED, BASICALLY_SATISFIED, DISSATISFIED, NEEDED_SKIP, REASONABLE, UNREASONABLE,
    ],
  );
}

const PRIMARY: AssignmentRole = 'primary';

/**
 * Per-request completion counts per group (按时办结): each request with orders created within
 * the days is decided once its orders are all finished (a standing answer, or cancelled) with one
 * answered, or once one is late; on time when none is late. Judged at `now` like the orders.
 */
export async function completionCounts(m: EntityManager, grouping: RateGrouping, f: RateFilter): Promise<KeyedCompletionCounts[]> {
  const passed = `coalesce(${PASSED('handle_due_at')}, false)`;
  const stands = ANSWER_STANDS;
  return m.query(
    `select ${COMPLETION_KEY[grouping]} as key,
       (count(*) filter (where late or (not open and answered)))::int as "completionDenominator",
       (count(*) filter (where not late and not open and answered))::int as "requestsCompletedOnTime"
     from (
       select request_id,
         coalesce((array_agg(unit_id order by created_at desc) filter (where role = $5))[1], max(unit_id)) as unit_id,
         max(category_code) as category_code, max(area_code) as area_code, max(day) as day,
         bool_or(terminated) as terminated,
         bool_or((${stands} and not coalesce(answered_on_time, false)) or (not ${stands} and ${passed})) as late,
         bool_or(not ${stands} and cancelled_at is null and not ${passed}) as open,
         bool_or(${stands}) as answered
       from ${WORK_ORDERS_IN_DAYS}
       where request_id is not null
       group by request_id
     ) p
     where not ($4::boolean and terminated)
     group by 1`,
    [...days(f.range), f.now, f.excludeTerminated, PRIMARY],
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

/**
 * Requests received within the days that were terminated (诉求终结), by reason, whatever their
 * status since (they are archived later). A termination known from its status change only has
 * no reason yet (null).
 */
export async function terminationsByReason(m: EntityManager, range: DayRange): Promise<Array<{ reasonCode: string | null; count: number }>> {
  return m.query(
    `select termination_reason as "reasonCode", count(*)::int as count
     from request_facts
     where terminated_at is not null and ${inDays('day')}
     group by termination_reason`,
    days(range),
  );
}

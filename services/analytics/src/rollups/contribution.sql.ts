import { AssignmentRole, EvaluationJudgement, Resolution, RevisitOutcome, RevisitSkipReason, Satisfaction, SATISFIED_LEVELS } from '@hotline/vocabulary';
import { ROLLUP_COUNTS, ROLLUP_KEY, RollupCount, sqlTypeOf } from './rollup-columns';

// The codes the counts compare with: the vocabulary's constants, never input.
const EVALUATED: RevisitOutcome = 'evaluated';
const SKIPPED: RevisitOutcome = 'skipped';
const NEEDED_SKIP: RevisitSkipReason = 'attempts-exhausted';
const RESOLVED: Resolution = 'resolved';
const PARTLY_RESOLVED: Resolution = 'partly-resolved';
const REASONABLE: EvaluationJudgement = 'reasonable';
const UNREASONABLE: EvaluationJudgement = 'unreasonable';
const SATISFIED: Satisfaction = 'satisfied';
const BASICALLY_SATISFIED: Satisfaction = 'basically-satisfied';
const DISSATISFIED: Satisfaction = 'dissatisfied';
const PRIMARY: AssignmentRole = 'primary';
const SATISFIED_LEVELS_SQL = `array[${SATISFIED_LEVELS.map((l) => `'${l}'`).join(', ')}]::text[]`;

/** Which facts a contribution is computed over: the tenant's (rebuild), or one request's (or an order that names none yet). */
export interface ContributionScope {
  requests: string;
  orders: string;
  revisits: string;
  judgements: string;
  completions: string;
}

/** Every fact of the tenant (row-level security), or of every tenant in a migration. */
export const ALL_FACTS: ContributionScope = { requests: 'true', orders: 'true', revisits: 'true', judgements: 'true', completions: 'true' };

/** One subject's facts: request $1 (null for none), and the order $2 while it names no request (null for none). */
export const SUBJECT_FACTS: ContributionScope = {
  requests: 'q.request_id = $1',
  orders: '(o.request_id = $1 or (o.request_id is null and o.work_order_id = $2))',
  revisits: 'r.request_id = $1',
  judgements: 'e.request_id = $1',
  completions: 'o.request_id = $1',
};

const flag = (condition: string) => `coalesce((${condition}), false)::int`;

/** A base row's counts in ROLLUP_COUNTS order, 0 where the fact adds nothing. */
function counts(values: Partial<Record<RollupCount, string>>): string {
  return ROLLUP_COUNTS.map((c) => `(${values[c] ?? '0'})::${sqlTypeOf(c)} as ${c}`).join(',\n       ');
}

// An answer stands until review sends it back; the next answer stands again (as the reference rates).
const STANDS = `(o.answered_at is not null and (o.reopened_at is null or o.answered_at > o.reopened_at))`;
const CREATED = `o.created_at is not null`;

/** A work order whose rates depend on the time they are read at: not cancelled, and unsigned or without a standing answer. */
export const OPEN_ORDER = `o.cancelled_at is null and (o.signed_at is null or o.answered_at is null or o.answered_at <= o.reopened_at)`;
/** The part of OPEN_ORDER that keeps its request's completion undecided (or late only by the time it is read at). */
export const OPEN_ANSWER = `o.cancelled_at is null and (o.answered_at is null or o.answered_at <= o.reopened_at)`;

/** Orders with whether their request is terminated (looked up among the terminated requests only). */
const ORDERS = (scope: string) => `(
    select o.*, t.request_id is not null as terminated, ${STANDS} as stands
    from work_order_facts o
    left join request_facts t on t.tenant_id = o.tenant_id and t.request_id = o.request_id and t.terminated_at is not null
    where ${scope}
  )`;

/**
 * What the facts in scope add to each bucket before the dimensions are taken apart: one row per
 * request (its volume), per work order, per revisit and per request whose completion is settled,
 * each with the day, unit (and the unit's name on its orders, so that a unit's revisits and
 * completions share its orders' rows), category, area and terminated flag it counts under in the rates
 * (RATE_FORMULAS: an order under its own unit, category, area and receipt day; a revisit under
 * the unit whose answer was evaluated and its request's category, area and day; a completion
 * under its primary unit).
 */
function baseRows(scope: ContributionScope): string {
  return `
    select q.tenant_id, q.day, null::text as unit_id, null::text as unit_name, q.category_code, q.area_code,
       q.terminated_at is not null as terminated,
       ${counts({ requests: '1' })}
    from request_facts q where ${scope.requests}
    union all
    select o.tenant_id, o.day, o.unit_id, o.unit_name, o.category_code, o.area_code, o.terminated,
       ${counts({
         orders_all: '1',
         overdue_orders: flag('o.sign_overdue or o.handle_overdue'),
         work_orders: flag(CREATED),
         cancelled: flag(`${CREATED} and o.cancelled_at is not null`),
         signed: flag(`${CREATED} and o.signed_at is not null`),
         signed_on_time: flag(`${CREATED} and o.signed_at is not null and o.signed_on_time`),
         unsigned_past_due: flag(`${CREATED} and o.signed_at is null and o.cancelled_at is not null and o.sign_due_at <= o.cancelled_at`),
         answered: flag(`${CREATED} and o.stands`),
         answered_on_time: flag(`${CREATED} and o.stands and o.answered_on_time`),
         unanswered_past_due: flag(`${CREATED} and not o.stands and o.cancelled_at is not null and o.handle_due_at <= o.cancelled_at`),
         handling_hours: `case when ${CREATED} and o.stands then coalesce(o.handling_working_hours::numeric, 0) else 0 end`,
         urged: flag(`${CREATED} and o.urges > 0`),
         urge_notices: flag(`${CREATED} and o.urge_notice_at is not null`),
         circulars: flag(`${CREATED} and o.urge_circular_at is not null`),
         supervisions: `case when ${CREATED} then o.supervisions else 0 end`,
       })}
    from ${ORDERS(scope.orders)} o
    union all
    select r.tenant_id, q.day, r.unit_id, un.unit_name, q.category_code, q.area_code, q.terminated_at is not null,
       ${counts({
         revisit_rows: '1',
         revisits: flag('r.evaluated'),
         resolved: flag(`r.evaluated and r.resolution = '${RESOLVED}'`),
         partly_resolved: flag(`r.evaluated and r.resolution = '${PARTLY_RESOLVED}'`),
         satisfied_or_basically: flag(`r.evaluated and r.satisfaction = any(${SATISFIED_LEVELS_SQL})`),
         skipped_revisits: flag(`r.outcome = '${SKIPPED}'`),
         satisfied: flag(`r.evaluated and r.satisfaction = '${SATISFIED}'`),
         basically_satisfied: flag(`r.evaluated and r.satisfaction = '${BASICALLY_SATISFIED}'`),
         dissatisfied: flag(`r.evaluated and r.satisfaction = '${DISSATISFIED}'`),
         satisfied_unreasonable: flag(`r.evaluated and r.satisfaction = '${SATISFIED}' and j.judgement = '${UNREASONABLE}'`),
         basically_unreasonable: flag(`r.evaluated and r.satisfaction = '${BASICALLY_SATISFIED}' and j.judgement = '${UNREASONABLE}'`),
         dissatisfied_unreasonable: flag(`r.evaluated and r.satisfaction = '${DISSATISFIED}' and j.judgement = '${UNREASONABLE}'`),
         unrated: flag('r.evaluated and r.satisfaction is null'),
         unreasonable: flag(`r.evaluated and j.judgement = '${UNREASONABLE}'`),
         defaulted: flag('r.evaluated and r.defaulted'),
         redone: flag('r.evaluated and redo.rounds > 0'),
         redo_rounds: `case when r.evaluated then coalesce(redo.rounds, 0) else 0 end`,
         revisit_needed: flag(`q.closed_at is not null and (r.evaluated or r.skip_reason = '${NEEDED_SKIP}')`),
         revisit_done: flag('q.closed_at is not null and r.evaluated'),
       })}
    from (select r.*, r.outcome = '${EVALUATED}' as evaluated from revisit_facts r where ${scope.revisits}) r
    left join request_facts q on q.tenant_id = r.tenant_id and q.request_id = r.request_id
    left join evaluation_judgements j on j.tenant_id = r.tenant_id and j.revisit_id = r.revisit_id
    left join (
      select o.tenant_id, o.request_id, o.unit_id, max(o.unit_name) as unit_name from work_order_facts o
      where ${scope.completions} group by o.tenant_id, o.request_id, o.unit_id
    ) un on un.tenant_id = r.tenant_id and un.request_id = r.request_id and un.unit_id = r.unit_id
    left join (
      select e.tenant_id, e.request_id, count(*)::int as rounds from evaluation_judgements e
      where ${scope.judgements} and e.judgement = '${REASONABLE}' group by e.tenant_id, e.request_id
    ) redo on redo.tenant_id = r.tenant_id and redo.request_id = r.request_id
    union all
    select p.tenant_id, p.day, p.unit_id, p.unit_name, p.category_code, p.area_code, p.terminated,
       ${counts({ completion_rows: '1', completion_denominator: flag('p.late or p.answered'), completed_on_time: flag('not p.late and p.answered') })}
    from (
      select o.tenant_id, o.request_id,
        coalesce((array_agg(o.unit_id order by o.created_at desc) filter (where o.role = '${PRIMARY}'))[1], max(o.unit_id)) as unit_id,
        coalesce((array_agg(o.unit_name order by o.created_at desc) filter (where o.role = '${PRIMARY}'))[1],
          (array_agg(o.unit_name order by o.unit_id desc nulls last))[1]) as unit_name,
        max(o.category_code) as category_code, max(o.area_code) as area_code, max(o.day) as day, bool_or(o.terminated) as terminated,
        bool_or((o.stands and not coalesce(o.answered_on_time, false))
          or (not o.stands and o.cancelled_at is not null and coalesce(o.handle_due_at <= o.cancelled_at, false))) as late,
        bool_or(o.stands) as answered,
        bool_or(coalesce(${OPEN_ANSWER}, false)) as open
      from ${ORDERS(`${scope.completions} and o.request_id is not null and ${CREATED}`)} o
      group by o.tenant_id, o.request_id
    ) p
    where not p.open`;
}

const SUMS = ROLLUP_COUNTS.map((c) => `sum(${c})::${sqlTypeOf(c)} as ${c}`).join(', ');
const BASE_KEY = 'tenant_id, day, unit_id, unit_name, category_code, area_code, terminated';

/**
 * The rollup rows the facts in scope make: the base rows summed by their keys (few per day), then
 * each under every dimension, summed by key
 * (tenant_id, then ROLLUP_KEY, then ROLLUP_COUNTS), sorted by key so that writers lock in one order.
 */
export function contributionSql(scope: ContributionScope, sorted = true): string {
  return `
    select b.tenant_id, d.dimension, b.day, d.key1, d.key2, b.terminated, ${SUMS}
    from (select ${BASE_KEY}, ${SUMS} from (${baseRows(scope)}) f group by ${BASE_KEY}) b
    cross join lateral (values
      ('total', null::text, null::text),
      ('unit', b.unit_id, b.unit_name),
      ('category', b.category_code, null::text),
      ('area', b.area_code, null::text),
      ('category-area', b.category_code, b.area_code)
    ) d (dimension, key1, key2)
    group by b.tenant_id, d.dimension, b.day, d.key1, d.key2, b.terminated
    ${sorted ? 'order by b.tenant_id, d.dimension, b.day, d.key1, d.key2, b.terminated' : ''}`;
}

export const ROLLUP_COLUMNS = ['tenant_id', ...ROLLUP_KEY, ...ROLLUP_COUNTS].join(', ');

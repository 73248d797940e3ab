import { EntityManager } from 'typeorm';
import { RateBasis, UNKNOWN_KEY, weighted } from '@hotline/analytics-domain';
import type { TenantDb } from '@hotline/platform';
import {
  DrillDownOutcome,
  DrillDownRate,
  EvaluationJudgement,
  RateExclusionReason,
  RateFactResult,
  Resolution,
  RevisitOutcome,
  Satisfaction,
  SATISFACTION_LEVELS,
  SignForResult,
} from '@hotline/vocabulary';
import { unitNames } from '../metrics/metrics.repository';
import { loadRateBasis } from '../rate-settings/rate-settings.repository';
import type { RateRequestsQuery } from './rate-requests.schemas';

// The codes the classification compares with and answers: the vocabulary's constants, never input.
const EVALUATED: RevisitOutcome = 'evaluated';
const RESOLVED: Resolution = 'resolved';
const PARTLY_RESOLVED: Resolution = 'partly-resolved';
const SATISFIED: Satisfaction = 'satisfied';
const BASICALLY_SATISFIED: Satisfaction = 'basically-satisfied';
const UNREASONABLE: EvaluationJudgement = 'unreasonable';
const LEVELS_SQL = `array[${SATISFACTION_LEVELS.map((l) => `'${l}'`).join(', ')}]::text[]`;
const result = (code: RateFactResult) => `'${code}'`;
const reason = (code: RateExclusionReason) => `'${code}'`;
const SIGN: Record<SignForResult, string> = {
  'signed-on-time': result('signed-on-time'),
  'signed-late': result('signed-late'),
  'unsigned-past-due': result('unsigned-past-due'),
  unsigned: result('unsigned'),
  cancelled: result('cancelled'),
};

// Named parameters (bound by `bind`, so a rate's query is sent only the ones it reads): :from, :to
// the receipt days (either may be null); :now the instant orders are judged at; :excludeTerminated,
// :excludeUnreasonable the tenant's settings; :unit, :category, :area the cell (null: any;
// UNKNOWN_KEY: none); :partWeight the weight of a partial share of the numerator.
const inDays = (column: string) => `(:from::date is null or ${column} >= :from::date) and (:to::date is null or ${column} <= :to::date)`;
// A fact's key in a cell, as the rates group it (groupKey): its value, or UNKNOWN_KEY when it has
// none. The plain equality stays an index condition (a unit's orders: work_order_facts_unit).
const keyIs = (column: string, param: string) =>
  `(:${param}::text is null or ${column} = :${param}::text or (:${param}::text = '${UNKNOWN_KEY}' and nullif(${column}, '') is null))`;
const COUNTED = `not (:excludeTerminated::boolean and q.terminated_at is not null)`;

/**
 * 响应率's facts: every work order created for a request received within the days, as the
 * reference counts them (metrics.repository workOrderCounts, which the rollups equal). An order
 * is in the denominator once signed, or once its sign-for due passed (for a cancelled order:
 * before the cancellation); in the numerator when signed on time. Its request's receipt and
 * number come from the request's facts.
 */
const RESPONSE_FACTS = `
  select o.request_id, o.work_order_id, q.request_number, q.received_at, o.day, o.unit_id, o.unit_name, o.category_code, o.area_code,
    case
      when o.signed_at is not null and coalesce(o.signed_on_time, false) then ${SIGN['signed-on-time']}
      when o.signed_at is not null then ${SIGN['signed-late']}
      when coalesce(o.sign_due_at <= coalesce(o.cancelled_at, :now::timestamptz), false) then ${SIGN['unsigned-past-due']}
      when o.cancelled_at is not null then ${SIGN.cancelled}
      else ${SIGN.unsigned}
    end as result,
    case
      when not ${COUNTED} then ${reason('terminated')}
      when o.signed_at is null and not coalesce(o.sign_due_at <= coalesce(o.cancelled_at, :now::timestamptz), false) then
        case when o.cancelled_at is not null then ${reason('cancelled-before-due')} else ${reason('not-due-yet')} end
    end as excluded_because,
    case when o.signed_at is not null and coalesce(o.signed_on_time, false) then 'whole' end as share
  from work_order_facts o
  left join request_facts q on q.tenant_id = o.tenant_id and q.request_id = o.request_id
  where o.created_at is not null and ${inDays('o.day')}
    and ${keyIs('o.unit_id', 'unit')} and ${keyIs('o.category_code', 'category')} and ${keyIs('o.area_code', 'area')}`;

// Each request's latest revisit with its request and the judgement of that evaluation, as the
// reference reads them (revisitCounts): within days, the requests received on them, each one's
// revisit looked up by its key; without days, every revisit, its request's facts if known.
const REVISITS_IN_DAYS = `request_facts q
  cross join lateral (select * from revisit_facts r where r.tenant_id = q.tenant_id and r.request_id = q.request_id offset 0) r`;
const EVERY_REVISIT = `revisit_facts r left join request_facts q on q.tenant_id = r.tenant_id and q.request_id = r.request_id`;
const revisitFacts = (days: boolean, columns: string) => `
  select r.request_id, null::text as work_order_id, q.request_number, q.received_at, q.day, r.unit_id, null::text as unit_name,
    q.category_code, q.area_code, ${columns}
  from ${days ? REVISITS_IN_DAYS : EVERY_REVISIT}
  left join evaluation_judgements j on j.tenant_id = r.tenant_id and j.revisit_id = r.revisit_id
  where ${inDays('q.day')} and ${keyIs('r.unit_id', 'unit')} and ${keyIs('q.category_code', 'category')} and ${keyIs('q.area_code', 'area')}`;

/** 解决率: evaluated revisits in the denominator; 解决 a whole share of the numerator, 部分解决 a partial one. */
const RESOLUTION_COLUMNS = `
    case when r.outcome = '${EVALUATED}' then r.resolution else ${result('skipped')} end as result,
    case
      when not ${COUNTED} then ${reason('terminated')}
      when r.outcome <> '${EVALUATED}' then ${reason('skipped')}
    end as excluded_because,
    case when r.resolution = '${RESOLVED}' then 'whole' when r.resolution = '${PARTLY_RESOLVED}' then 'part' end as share`;

/**
 * 满意率: valid evaluations (有效参评) in the denominator — rated at one of the levels, and not
 * judged unreasonable where the tenant leaves those out; 满意 a whole share, 基本满意 a partial one.
 */
const SATISFACTION_COLUMNS = `
    case
      when r.outcome <> '${EVALUATED}' then ${result('skipped')}
      when r.satisfaction is null then ${result('unrated')}
      else r.satisfaction
    end as result,
    case
      when not ${COUNTED} then ${reason('terminated')}
      when r.outcome <> '${EVALUATED}' then ${reason('skipped')}
      when r.satisfaction is null or not (r.satisfaction = any(${LEVELS_SQL})) then ${reason('unrated')}
      when :excludeUnreasonable::boolean and coalesce(j.judgement = '${UNREASONABLE}', false) then ${reason('unreasonable')}
    end as excluded_because,
    case when r.satisfaction = '${SATISFIED}' then 'whole' when r.satisfaction = '${BASICALLY_SATISFIED}' then 'part' end as share`;

function factsOf(rate: DrillDownRate, days: boolean): string {
  if (rate === 'response') return RESPONSE_FACTS;
  return revisitFacts(days, rate === 'resolution' ? RESOLUTION_COLUMNS : SATISFACTION_COLUMNS);
}

// A fact in the numerator: in the denominator with a share that counts (a partial one only at a weight above 0).
const IN_NUMERATOR = `excluded_because is null and (share = 'whole' or (share = 'part' and :partWeight::float8 > 0))`;
const OUTCOME_FILTER: Record<DrillDownOutcome, string> = {
  numerator: IN_NUMERATOR,
  denominator: 'excluded_because is null',
  excluded: 'excluded_because is not null',
};

/** The partial share's weight of each rate: 部分解决 and 基本满意 at the tenant's weights; 响应率 has none. */
const partWeight = (rate: DrillDownRate, basis: RateBasis) =>
  rate === 'resolution' ? basis.partlyResolvedWeight : rate === 'satisfaction' ? basis.basicallySatisfiedWeight : 0;

interface FactRow {
  request_id: string | null;
  work_order_id: string | null;
  request_number: string | null;
  received_at: Date | null;
  day: string | null;
  unit_id: string | null;
  unit_name: string | null;
  category_code: string | null;
  area_code: string | null;
  result: RateFactResult | null;
  excluded_because: RateExclusionReason | null;
  share: 'whole' | 'part' | null;
}

/** One fact behind a cell: a work order (响应率) or a request's latest revisit (解决率, 满意率). */
export interface RateFact {
  requestId: string | null;
  requestNumber: string | null;
  receivedAt: Date | null;
  day: string | null;
  workOrderId: string | null;
  unitId: string | null;
  unitName: string | null;
  categoryCode: string | null;
  areaCode: string | null;
  result: RateFactResult | null;
  /** In the denominator. */
  counted: boolean;
  /** What it adds to the numerator: 1, the tenant's weight for a partial share, or 0. */
  weight: number;
  excludedBecause: RateExclusionReason | null;
}

/** The cell's figures, from the same facts as the page: what the rate row of the cell shows. */
export interface CellFigures {
  numerator: number;
  denominator: number;
  /** Facts of the cell in the numerator (differs from `numerator` only where a partial share has a weight other than 0 or 1). */
  numeratorFacts: number;
  excluded: number;
}

export interface RateRequests {
  basis: RateBasis;
  figures: CellFigures;
  /** Facts of the outcome asked for. */
  total: number;
  items: RateFact[];
}

/**
 * The facts behind one cell of a rate, a page of those of `q.outcome` in receipt order, and the
 * cell's figures, in one snapshot with the tenant's rate settings. The facts are the fact tables
 * the rollups are kept equal to, classified as the reference rates count them, so the figures
 * are the rate row's: denominator = responseDenominator, revisits or validEvaluations, numerator
 * = signedOnTime, resolutionNumerator or satisfactionNumerator. Orders are judged at `now`.
 */
export function rateRequests(db: TenantDb, tenantId: string, q: RateRequestsQuery, now: Date = new Date()): Promise<RateRequests> {
  return db.read(tenantId, async (m) => {
    const basis = await loadRateBasis(m, tenantId);
    const w = partWeight(q.rate, basis);
    const facts = factsOf(q.rate, !!(q.from || q.to));
    const values = {
      from: q.from ?? null, to: q.to ?? null, now, excludeTerminated: basis.excludeTerminated,
      excludeUnreasonable: basis.excludeUnreasonableEvaluations, unit: q.unit ?? null, category: q.category ?? null, area: q.area ?? null,
      partWeight: w, limit: q.limit, offset: q.offset,
    };
    const [counts]: Array<{ denominator: number; whole: number; part: number; numeratorFacts: number; excluded: number }> = await m.query(
      ...bind(
        `select (count(*) filter (where excluded_because is null))::int as denominator,
           (count(*) filter (where excluded_because is null and share = 'whole'))::int as whole,
           (count(*) filter (where excluded_because is null and share = 'part'))::int as part,
           (count(*) filter (where ${IN_NUMERATOR}))::int as "numeratorFacts",
           (count(*) filter (where excluded_because is not null))::int as excluded
         from (${facts}) f`,
        values,
      ),
    );
    const { denominator, whole, part, numeratorFacts, excluded } = counts ?? { denominator: 0, whole: 0, part: 0, numeratorFacts: 0, excluded: 0 };
    const figures: CellFigures = { numerator: weighted(whole, part, w), denominator, numeratorFacts, excluded };
    const total = q.outcome === 'numerator' ? numeratorFacts : q.outcome === 'denominator' ? denominator : excluded;
    const rows: FactRow[] = await m.query(
      ...bind(
        `select request_id, work_order_id, request_number, received_at, to_char(day, 'YYYY-MM-DD') as day, unit_id, unit_name,
           category_code, area_code, result, excluded_because, share
         from (${facts}) f
         where ${OUTCOME_FILTER[q.outcome]}
         order by received_at nulls last, request_id, work_order_id limit :limit::int offset :offset::int`,
        values,
      ),
    );
    return { basis, figures, total, items: await named(m, rows, w) };
  });
}

/**
 * `sql` with its :name parameters as $1, $2… and their values, only those it reads (PostgreSQL
 * refuses a parameter it cannot type, as one no statement reads). A `::type` cast is no parameter.
 */
export function bind(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/(?<![:\w]):([a-zA-Z]\w*)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for :${name}`);
    const at = order.indexOf(name);
    return `$${(at < 0 ? order.push(name) : at + 1)}`;
  });
  return [text, order.map((name) => values[name])];
}

/** The page's facts, each revisit's unit named from its orders (revisits carry no unit name). */
async function named(m: EntityManager, rows: FactRow[], w: number): Promise<RateFact[]> {
  const unnamed = [...new Set(rows.filter((r) => r.unit_id && !r.unit_name).map((r) => r.unit_id as string))];
  const names = await unitNames(m, unnamed);
  return rows.map((r) => {
    const counted = r.excluded_because === null;
    return {
      requestId: r.request_id,
      requestNumber: r.request_number,
      receivedAt: r.received_at ? new Date(r.received_at) : null,
      day: r.day,
      workOrderId: r.work_order_id,
      unitId: r.unit_id,
      unitName: r.unit_name ?? (r.unit_id ? (names.get(r.unit_id) ?? null) : null),
      categoryCode: r.category_code,
      areaCode: r.area_code,
      result: r.result,
      counted,
      weight: !counted ? 0 : r.share === 'whole' ? 1 : r.share === 'part' ? w : 0,
      excludedBecause: r.excluded_because,
    };
  });
}

import type { EntityManager } from 'typeorm';
import type { DayRange } from '../common/day-range.schemas';
import type { DispatchAttemptFact, ReturnFact } from './dispatch-quality.mappings';

/** Records an attempt once: a redelivery, or an older event without an attempt number for the same request, changes nothing. */
export async function recordAttempt(manager: EntityManager, tenantId: string, a: DispatchAttemptFact): Promise<void> {
  await manager.query(
    `insert into dispatch_attempt_facts (tenant_id, request_id, attempt, unit_id, unit_code, unit_name, mode, designated, dispatched_at, day)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (tenant_id, request_id, attempt) do nothing`,
    [tenantId, a.requestId, a.attempt, a.unitId, a.unitCode, a.unitName, a.mode, a.designated, a.dispatchedAt, a.day],
  );
}

/**
 * Records a return: filing inserts it in review; a decision inserts it (should the filing come
 * later) or settles it. A decision is final: a second one changes nothing, and a filing
 * arriving after it only adds when it was filed.
 */
export async function recordReturn(manager: EntityManager, tenantId: string, r: ReturnFact): Promise<void> {
  await manager.query(
    `insert into dispatch_return_facts (tenant_id, return_id, request_id, attempt, unit_id, unit_code, reason_code, status, filed_at, decided_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (tenant_id, return_id) do update set
       filed_at = coalesce(dispatch_return_facts.filed_at, excluded.filed_at),
       status = case when dispatch_return_facts.status = 'in-review' then excluded.status else dispatch_return_facts.status end,
       decided_at = case when dispatch_return_facts.status = 'in-review' then excluded.decided_at else dispatch_return_facts.decided_at end`,
    [tenantId, r.returnId, r.requestId, r.attempt, r.unitId, r.unitCode, r.reasonCode, r.status, r.filedAt, r.decidedAt],
  );
}

/** Counts of the dispatch attempts of one unit (as primary), or of the tenant as a whole. */
export interface AttemptCounts {
  attempts: number;
  /** Attempts after the first (改派) by a dispatcher: the request came to this unit after another returned it. */
  redispatches: number;
  /** Attempts designated (指定办理) after the tenant's maximum. */
  designated: number;
  /** Attempts that took the request up to a coordinating unit (提级统筹). */
  escalations: number;
  returnsFiled: number;
  returnsAccepted: number;
  returnsRejected: number;
  returnsInReview: number;
}

export interface UnitAttemptRow extends AttemptCounts {
  unitId: string;
  unitCode: string | null;
  unitName: string | null;
}

export interface TenantAttemptRow extends AttemptCounts {
  requests: number;
  requestsRedispatched: number;
}

/** First dispatches by how they were made, and how many stood (no return of theirs accepted). */
export interface FirstDispatchRow {
  mode: string;
  firstDispatches: number;
  stood: number;
}

export interface ReasonRow {
  unitId: string;
  reasonCode: string;
  count: number;
}

const DAYS = `($1::date is null or a.day >= $1::date) and ($2::date is null or a.day <= $2::date)`;
// One return at most per attempt (dispatch refuses a second), so the join does not multiply attempts.
const ATTEMPTS_WITH_RETURNS = `dispatch_attempt_facts a
  left join dispatch_return_facts r on r.tenant_id = a.tenant_id and r.request_id = a.request_id and r.attempt = a.attempt`;
const COUNTS = `
  count(*)::int as attempts,
  count(*) filter (where a.attempt > 1 and a.mode <> 'escalated')::int as redispatches,
  count(*) filter (where a.designated and a.mode <> 'escalated')::int as designated,
  count(*) filter (where a.mode = 'escalated')::int as escalations,
  count(r.return_id)::int as "returnsFiled",
  count(*) filter (where r.status = 'accepted')::int as "returnsAccepted",
  count(*) filter (where r.status = 'rejected')::int as "returnsRejected",
  count(*) filter (where r.status = 'in-review')::int as "returnsInReview"`;

const counts = (r: Record<string, unknown>): AttemptCounts => ({
  attempts: Number(r['attempts']),
  redispatches: Number(r['redispatches']),
  designated: Number(r['designated']),
  escalations: Number(r['escalations']),
  returnsFiled: Number(r['returnsFiled']),
  returnsAccepted: Number(r['returnsAccepted']),
  returnsRejected: Number(r['returnsRejected']),
  returnsInReview: Number(r['returnsInReview']),
});

/** Attempts dispatched within the days, per primary unit (the tenant's rows only: row-level security). */
export async function unitAttempts(manager: EntityManager, range: DayRange): Promise<UnitAttemptRow[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select a.unit_id as "unitId", max(a.unit_code) as "unitCode", max(a.unit_name) as "unitName", ${COUNTS}
       from ${ATTEMPTS_WITH_RETURNS}
      where ${DAYS}
      group by a.unit_id
      order by max(a.unit_code) nulls last, a.unit_id`,
    [range.from ?? null, range.to ?? null],
  );
  return rows.map((r) => ({
    unitId: String(r['unitId']),
    unitCode: r['unitCode'] === null ? null : String(r['unitCode']),
    unitName: r['unitName'] === null ? null : String(r['unitName']),
    ...counts(r),
  }));
}

/** The same counts for the tenant as a whole, with the requests they concern. */
export async function tenantAttempts(manager: EntityManager, range: DayRange): Promise<TenantAttemptRow> {
  const [row]: Array<Record<string, unknown>> = await manager.query(
    `select count(distinct a.request_id)::int as requests,
            count(distinct a.request_id) filter (where a.attempt > 1 and a.mode <> 'escalated')::int as "requestsRedispatched", ${COUNTS}
       from ${ATTEMPTS_WITH_RETURNS}
      where ${DAYS}`,
    [range.from ?? null, range.to ?? null],
  );
  return { requests: Number(row?.['requests'] ?? 0), requestsRedispatched: Number(row?.['requestsRedispatched'] ?? 0), ...counts(row ?? {}) };
}

/** First dispatches within the days by mode (catalog, manual), and those no accepted return undid. */
export async function firstDispatches(manager: EntityManager, range: DayRange): Promise<FirstDispatchRow[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select a.mode, count(*)::int as "firstDispatches",
            count(*) filter (where r.status is distinct from 'accepted')::int as stood
       from ${ATTEMPTS_WITH_RETURNS}
      where a.attempt = 1 and ${DAYS}
      group by a.mode
      order by a.mode`,
    [range.from ?? null, range.to ?? null],
  );
  return rows.map((r) => ({ mode: String(r['mode']), firstDispatches: Number(r['firstDispatches']), stood: Number(r['stood']) }));
}

/** Returns of attempts dispatched within the days, per unit and reason. */
export async function returnReasons(manager: EntityManager, range: DayRange): Promise<ReasonRow[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select a.unit_id as "unitId", r.reason_code as "reasonCode", count(*)::int as count
       from dispatch_attempt_facts a
       join dispatch_return_facts r on r.tenant_id = a.tenant_id and r.request_id = a.request_id and r.attempt = a.attempt
      where ${DAYS}
      group by a.unit_id, r.reason_code
      order by a.unit_id, count(*) desc, r.reason_code`,
    [range.from ?? null, range.to ?? null],
  );
  return rows.map((r) => ({ unitId: String(r['unitId']), reasonCode: String(r['reasonCode']), count: Number(r['count']) }));
}

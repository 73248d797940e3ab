import { EntityManager } from 'typeorm';
import type { Closure, IntakeClosure, RequestAttributes, StatusChange, Termination } from './lifecycle.mappings';

/**
 * The sequence of the status change applied to a request (0: none yet), with its row created
 * if needed and locked until the transaction ends, so two replicas applying changes of one
 * request decide one after the other.
 */
export async function lockAppliedStatusSequence(m: EntityManager, tenantId: string, requestId: string): Promise<number> {
  await m.query(`insert into request_facts (tenant_id, request_id) values ($1, $2) on conflict do nothing`, [tenantId, requestId]);
  const [row]: Array<{ status_sequence: string }> = await m.query(
    `select status_sequence from request_facts where tenant_id = $1 and request_id = $2 for update`,
    [tenantId, requestId],
  );
  return Number(row?.status_sequence ?? 0);
}

export async function setStatus(m: EntityManager, tenantId: string, change: StatusChange): Promise<void> {
  await m.query(
    `update request_facts set status = $3, status_at = $4, status_sequence = $5 where tenant_id = $1 and request_id = $2`,
    [tenantId, change.requestId, change.status, change.at, change.sequence],
  );
}

/** Records a request's attributes from intake's brief; what a brief leaves empty stays as known. */
export async function recordAttributes(m: EntityManager, tenantId: string, a: RequestAttributes): Promise<void> {
  await m.query(
    `insert into request_facts
       (tenant_id, request_id, received_at, day, request_type, urgency, category_code, area_code, channel, anonymous, request_number)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (tenant_id, request_id) do update set
       request_number = coalesce(excluded.request_number, request_facts.request_number),
       received_at = coalesce(excluded.received_at, request_facts.received_at),
       day = coalesce(excluded.day, request_facts.day),
       request_type = coalesce(excluded.request_type, request_facts.request_type),
       urgency = coalesce(excluded.urgency, request_facts.urgency),
       category_code = coalesce(excluded.category_code, request_facts.category_code),
       area_code = coalesce(excluded.area_code, request_facts.area_code),
       channel = coalesce(excluded.channel, request_facts.channel),
       anonymous = excluded.anonymous`,
    [tenantId, a.requestId, a.receivedAt, a.day, a.requestType, a.urgency, a.categoryCode, a.areaCode, a.channel, a.anonymous, a.number],
  );
}

/** How a request closed at intake (直接办理 or out of scope); its status comes from RequestStatusChanged. */
export async function recordIntakeClosure(m: EntityManager, tenantId: string, c: IntakeClosure): Promise<void> {
  await m.query(
    `insert into request_facts (tenant_id, request_id, intake_outcome, closed_at) values ($1, $2, $3, $4)
     on conflict (tenant_id, request_id) do update set intake_outcome = excluded.intake_outcome, closed_at = excluded.closed_at`,
    [tenantId, c.requestId, c.outcome, c.closedAt],
  );
}

/**
 * 办结 by revisit: the revisit's outcome (evaluated or skipped) and answers, and when, unless
 * intake already closed the request (its closure at intake is the one that happened first).
 */
export async function recordClosure(m: EntityManager, tenantId: string, c: Closure): Promise<void> {
  await m.query(
    `insert into request_facts (tenant_id, request_id, closed_at, revisit_outcome, resolved, satisfaction)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, request_id) do update set
       closed_at = coalesce(request_facts.closed_at, excluded.closed_at),
       revisit_outcome = coalesce(excluded.revisit_outcome, request_facts.revisit_outcome),
       resolved = coalesce(excluded.resolved, request_facts.resolved),
       satisfaction = coalesce(excluded.satisfaction, request_facts.satisfaction)`,
    [tenantId, c.requestId, c.closedAt, c.revisitOutcome, c.resolved, c.satisfaction],
  );
}

/**
 * 诉求终结 approved: the request is counted apart from now on, whatever its status becomes
 * (it is archived later). intake's RequestTerminated names when and why.
 */
export async function recordTermination(m: EntityManager, tenantId: string, t: Termination): Promise<void> {
  await m.query(
    `insert into request_facts (tenant_id, request_id, terminated_at, termination_id, termination_reason) values ($1, $2, $3, $4, $5)
     on conflict (tenant_id, request_id) do update set
       terminated_at = excluded.terminated_at, termination_id = excluded.termination_id, termination_reason = excluded.termination_reason`,
    [tenantId, t.requestId, t.terminatedAt, t.terminationId, t.reasonCode],
  );
}

/**
 * A status change to `terminated` marks the request terminated even before (or without)
 * RequestTerminated, in whatever order intake's changes arrive; the row exists (it is locked).
 */
export async function markTerminated(m: EntityManager, tenantId: string, requestId: string, at: Date): Promise<void> {
  await m.query(`update request_facts set terminated_at = coalesce(terminated_at, $3) where tenant_id = $1 and request_id = $2`, [tenantId, requestId, at]);
}

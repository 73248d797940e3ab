import { EntityManager } from 'typeorm';
import {
  BriefSource,
  briefRank,
  CaseAnswer,
  CaseDispatch,
  CaseFile,
  CaseRequest,
  CaseWorkOrder,
  RequesterTrace,
} from '@hotline/revisit-domain';
import type { AssignmentRole, ReviewStatus } from '@hotline/vocabulary';
import { AnsweredOrder, CancelledOrder, CreatedOrder, ReopenedOrder, SignedOrder } from './case-file.mapping';

// Every write here is an upsert that gives the same row whatever order the events arrive in:
// intake's, dispatch's and handling's streams interleave, and an answer may come before its
// order's creation. Each event sets only the columns it is the source of.

/** Keeps the brief of the most authoritative source seen (briefRank), whichever came first. */
export async function upsertBrief(manager: EntityManager, tenantId: string, request: CaseRequest, source: BriefSource): Promise<void> {
  await manager.query(
    `insert into case_requests (tenant_id, request_id, brief, brief_rank, updated_at) values ($1, $2, $3, $4, now())
     on conflict (tenant_id, request_id) do update set brief = excluded.brief, brief_rank = excluded.brief_rank, updated_at = now()
       where case_requests.brief_rank <= excluded.brief_rank`,
    [tenantId, request.requestId, JSON.stringify(request), briefRank(source)],
  );
}

export async function recordDispatch(manager: EntityManager, tenantId: string, requestId: string, d: CaseDispatch): Promise<void> {
  await manager.query(
    `insert into case_dispatches (tenant_id, request_id, dispatched_at, mode, catalog_version, assignments, dispatched_by)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (tenant_id, request_id, dispatched_at) do nothing`,
    [tenantId, requestId, d.dispatchedAt, d.mode, d.catalogVersion, JSON.stringify(d.assignments), d.dispatchedBy],
  );
}

/** The creation is the source of an order's unit, role and first dues; a due already reported by a later event is kept. */
export async function recordCreatedOrder(manager: EntityManager, tenantId: string, o: CreatedOrder): Promise<void> {
  await manager.query(
    `insert into case_work_orders (tenant_id, work_order_id, request_id, unit_id, unit_name, unit_code, role,
                                   created_at, sign_due_at, handle_due_at, due_provisional)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (tenant_id, work_order_id) do update set
       unit_name = excluded.unit_name, unit_code = excluded.unit_code, role = excluded.role,
       created_at = excluded.created_at, sign_due_at = excluded.sign_due_at, due_provisional = excluded.due_provisional,
       handle_due_at = coalesce(case_work_orders.handle_due_at, excluded.handle_due_at)`,
    [tenantId, o.workOrderId, o.requestId, o.unitId, o.unitName, o.unitCode, o.role, o.createdAt, o.signDueAt, o.handleDueAt, o.dueProvisional],
  );
}

export async function recordSignedOrder(manager: EntityManager, tenantId: string, o: SignedOrder): Promise<void> {
  await manager.query(
    `insert into case_work_orders (tenant_id, work_order_id, request_id, unit_id, signed_at, signed_by)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, work_order_id) do update set signed_at = excluded.signed_at, signed_by = excluded.signed_by`,
    [tenantId, o.workOrderId, o.requestId, o.unitId, o.signedAt, o.signedBy],
  );
}

// A rework round's due replaces the stored one unless the stored one is of a later round.
const REWORK_IS_LATEST = `excluded.rework_due_at is not null
  and (case_work_orders.rework_round is null or case_work_orders.rework_round <= excluded.rework_round)`;
const LATEST_REWORK = `
  rework_round = case when ${REWORK_IS_LATEST} then excluded.rework_round else case_work_orders.rework_round end,
  rework_due_at = case when ${REWORK_IS_LATEST} then excluded.rework_due_at else case_work_orders.rework_due_at end`;

/** Reopenings and answers restate the original handling due, as handling holds it now (a provisional one may have been recomputed). */
export async function recordReopenedOrder(manager: EntityManager, tenantId: string, o: ReopenedOrder): Promise<void> {
  await manager.query(
    `insert into case_work_orders (tenant_id, work_order_id, request_id, unit_id, handle_due_at, rework_round, rework_due_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (tenant_id, work_order_id) do update set
       handle_due_at = coalesce(excluded.handle_due_at, case_work_orders.handle_due_at), ${LATEST_REWORK}`,
    [tenantId, o.workOrderId, o.requestId, o.unitId, o.handleDueAt, o.reworkRound, o.reworkDueAt],
  );
}

export async function recordAnsweredOrder(manager: EntityManager, tenantId: string, o: AnsweredOrder): Promise<void> {
  await manager.query(
    `insert into case_work_orders (tenant_id, work_order_id, request_id, unit_id, role, handle_due_at, rework_round, rework_due_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (tenant_id, work_order_id) do update set
       role = coalesce(case_work_orders.role, excluded.role),
       handle_due_at = coalesce(excluded.handle_due_at, case_work_orders.handle_due_at), ${LATEST_REWORK}`,
    [tenantId, o.workOrderId, o.requestId, o.unitId, o.role, o.handleDueAt, o.reworkDueAt ? o.reworkRound : null, o.reworkDueAt],
  );
}

export async function recordCancelledOrder(manager: EntityManager, tenantId: string, o: CancelledOrder): Promise<void> {
  await manager.query(
    `insert into case_work_orders (tenant_id, work_order_id, request_id, unit_id, role, cancelled_at, cancel_reason, cancelled_from)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (tenant_id, work_order_id) do update set
       role = coalesce(case_work_orders.role, excluded.role),
       cancelled_at = excluded.cancelled_at, cancel_reason = excluded.cancel_reason, cancelled_from = excluded.cancelled_from`,
    [tenantId, o.workOrderId, o.requestId, o.unitId, o.role, o.cancelledAt, o.reason, o.previousStatus],
  );
}

/** The requester as the case file knows them; null before any brief arrived. */
export async function requesterOf(manager: EntityManager, requestId: string): Promise<RequesterTrace | null> {
  const [row]: Array<{ brief: CaseRequest }> = await manager.query(`select brief from case_requests where request_id = $1`, [requestId]);
  return row?.brief.requester ?? null;
}

/** The request's type as its brief gives it, or '' when no brief reached revisit (the tenant's default rule applies). */
export async function requestTypeOf(manager: EntityManager, requestId: string): Promise<string> {
  const [row]: Array<{ request_type: string | null }> = await manager.query(
    `select brief->>'requestType' as request_type from case_requests where request_id = $1`,
    [requestId],
  );
  return row?.request_type ?? '';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

interface DispatchRow {
  dispatched_at: Date;
  mode: string;
  catalog_version: number;
  assignments: CaseDispatch['assignments'];
  dispatched_by: string;
}

interface WorkOrderRow {
  work_order_id: string;
  unit_id: string;
  unit_name: string | null;
  unit_code: string | null;
  role: AssignmentRole | null;
  created_at: Date | null;
  sign_due_at: Date | null;
  signed_at: Date | null;
  signed_by: string | null;
  handle_due_at: Date | null;
  rework_due_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  cancelled_from: string | null;
}

interface AnswerRow {
  work_order_id: string;
  unit_id: string;
  role: AssignmentRole;
  rework_count: number;
  answer: string;
  basis: string;
  contact_record: string;
  answered_at: Date | null;
  answered_by: string | null;
  on_time: boolean | null;
  status: ReviewStatus;
  reasons: string[];
  reviewed_at: Date | null;
  reviewed_by: string | null;
}

const toWorkOrder = (r: WorkOrderRow): CaseWorkOrder => ({
  workOrderId: r.work_order_id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitCode: r.unit_code,
  role: r.role,
  createdAt: iso(r.created_at),
  signDueAt: iso(r.sign_due_at),
  signedAt: iso(r.signed_at),
  signedBy: r.signed_by,
  handleDueAt: iso(r.handle_due_at),
  reworkDueAt: iso(r.rework_due_at),
  cancellation: r.cancelled_at
    ? { reason: r.cancel_reason ?? '', previousStatus: r.cancelled_from ?? '', cancelledAt: r.cancelled_at.toISOString() }
    : null,
});

const toAnswer = (r: AnswerRow): CaseAnswer => ({
  workOrderId: r.work_order_id,
  unitId: r.unit_id,
  role: r.role,
  reworkRound: r.rework_count,
  answer: r.answer,
  basis: r.basis,
  contactRecord: r.contact_record,
  answeredAt: iso(r.answered_at),
  answeredBy: r.answered_by,
  onTime: r.on_time,
  review: { status: r.status, reasons: r.reasons, reviewedAt: iso(r.reviewed_at), reviewedBy: r.reviewed_by },
});

/** Everything revisit knows of one request: its brief, dispatches, work orders and answers with their reviews. */
export async function loadCaseFile(manager: EntityManager, requestId: string): Promise<CaseFile> {
  const [request]: Array<{ brief: CaseRequest }> = await manager.query(`select brief from case_requests where request_id = $1`, [requestId]);
  const dispatches: DispatchRow[] = await manager.query(
    `select dispatched_at, mode, catalog_version, assignments, dispatched_by from case_dispatches where request_id = $1`,
    [requestId],
  );
  const orders: WorkOrderRow[] = await manager.query(
    `select work_order_id, unit_id, unit_name, unit_code, role, created_at, sign_due_at, signed_at, signed_by,
            handle_due_at, rework_due_at, cancelled_at, cancel_reason, cancelled_from
     from case_work_orders where request_id = $1`,
    [requestId],
  );
  const answers: AnswerRow[] = await manager.query(
    `select work_order_id, unit_id, role, rework_count, answer, basis, contact_record, answered_at, answered_by, on_time,
            status, reasons, reviewed_at, reviewed_by
     from reviews where request_id = $1`,
    [requestId],
  );
  return {
    request: request?.brief ?? null,
    dispatches: dispatches.map((d) => ({
      mode: d.mode,
      catalogVersion: d.catalog_version,
      assignments: d.assignments,
      dispatchedAt: d.dispatched_at.toISOString(),
      dispatchedBy: d.dispatched_by,
    })),
    workOrders: orders.map(toWorkOrder),
    answers: answers.map(toAnswer),
  };
}

import { EntityManager } from 'typeorm';
import type { Clock } from '@hotline/vocabulary';
import type { Answer, Cancellation, RecomputedDues, Reopening, Review, Signing, Urge, WorkOrderCreation, WorkOrderRef } from './lifecycle.mappings';

// handling's events of one order come in order, but a redelivery (or AnswerReviewed, from the
// revisit stream) may arrive late: each update below keeps the latest fact by its own instant.

/** Creates the order's row on the first event seen for it and fills request, unit and role. */
async function ensureWorkOrder(m: EntityManager, tenantId: string, ref: WorkOrderRef): Promise<void> {
  await m.query(
    `insert into work_order_facts (tenant_id, work_order_id, request_id, unit_id, role) values ($1, $2, $3, $4, $5)
     on conflict (tenant_id, work_order_id) do update set
       request_id = coalesce(excluded.request_id, work_order_facts.request_id),
       unit_id = coalesce(excluded.unit_id, work_order_facts.unit_id),
       role = coalesce(excluded.role, work_order_facts.role)`,
    [tenantId, ref.workOrderId, ref.requestId, ref.unitId, ref.role],
  );
}

/**
 * Sets columns of the order's row when `condition` holds, after making sure the row exists.
 * `set` and `condition` are this module's constants; values are parameters from $3 on.
 */
async function updateWorkOrder(
  m: EntityManager,
  tenantId: string,
  ref: WorkOrderRef,
  set: string,
  params: unknown[],
  condition = 'true',
): Promise<void> {
  await ensureWorkOrder(m, tenantId, ref);
  await m.query(`update work_order_facts set ${set} where tenant_id = $1 and work_order_id = $2 and (${condition})`, [
    tenantId,
    ref.workOrderId,
    ...params,
  ]);
}

/** What creation tells; a due learnt later (from an answer, after a provisional due was recomputed) is kept. */
export async function recordCreation(m: EntityManager, tenantId: string, ref: WorkOrderRef, c: WorkOrderCreation): Promise<void> {
  await updateWorkOrder(
    m,
    tenantId,
    ref,
    `unit_code = coalesce(unit_code, $3), unit_name = coalesce(unit_name, $4), category_code = coalesce(category_code, $5),
     day = coalesce(day, $6::date), created_at = coalesce(created_at, $7), sign_due_at = coalesce(sign_due_at, $8),
     handle_due_at = coalesce(handle_due_at, $9), due_provisional = coalesce(due_provisional, $10), area_code = coalesce(area_code, $11)`,
    [c.unitCode, c.unitName, c.categoryCode, c.day, c.createdAt, c.signDueAt, c.handleDueAt, c.dueProvisional, c.areaCode],
  );
}

export async function recordSigning(m: EntityManager, tenantId: string, ref: WorkOrderRef, s: Signing): Promise<void> {
  // A clock counted from the sign-for has its handling due only now.
  await updateWorkOrder(m, tenantId, ref, `signed_at = $3, signed_on_time = $4, handle_due_at = coalesce($5, handle_due_at)`, [s.signedAt, s.onTime, s.handleDueAt], 'signed_at is null');
}

/** The latest answer replaces an earlier one (after rework); an earlier one arriving late changes nothing. */
export async function recordAnswer(m: EntityManager, tenantId: string, ref: WorkOrderRef, a: Answer): Promise<void> {
  await updateWorkOrder(
    m,
    tenantId,
    ref,
    `answered_at = $3, answered_on_time = $4, handling_working_hours = $5, rework_count = greatest(rework_count, $6),
     handle_due_at = coalesce($7, handle_due_at), rework_due_at = coalesce($8, rework_due_at), rework_on_time = $9`,
    [a.answeredAt, a.onTime, a.handlingWorkingHours, a.reworkCount, a.handleDueAt, a.reworkDueAt, a.reworkOnTime],
    'answered_at is null or answered_at <= $3',
  );
}

// Fixed per clock, never built from input.
const OVERDUE_COLUMN: Record<Clock, string> = {
  'sign-for': 'sign_overdue',
  handling: 'handle_overdue',
  rework: 'rework_overdue',
};

export async function recordOverdue(m: EntityManager, tenantId: string, ref: WorkOrderRef, clock: Clock): Promise<void> {
  await updateWorkOrder(m, tenantId, ref, `${OVERDUE_COLUMN[clock]} = true`, []);
}

/**
 * Review sent the answer back: it no longer stands until the next answer. The rework due is
 * the latest reopening's; handle_due_at stays the original handling due.
 */
export async function recordReopening(m: EntityManager, tenantId: string, ref: WorkOrderRef, r: Reopening): Promise<void> {
  await updateWorkOrder(
    m,
    tenantId,
    ref,
    `rework_due_at = case when reopened_at is null or reopened_at <= $3 then coalesce($4, rework_due_at) else rework_due_at end,
     reopened_at = greatest(reopened_at, $3), rework_count = greatest(rework_count, $5)`,
    [r.reopenedAt, r.reworkDueAt, r.reworkCount],
  );
}

/** A year's holidays arrived and handling recomputed the order's provisional dues: lateness is judged against these. */
export async function recordRecomputedDues(m: EntityManager, tenantId: string, ref: WorkOrderRef, d: RecomputedDues): Promise<void> {
  await updateWorkOrder(
    m,
    tenantId,
    ref,
    `sign_due_at = coalesce($3, sign_due_at), handle_due_at = coalesce($4, handle_due_at),
     rework_due_at = coalesce($5, rework_due_at), due_provisional = $6`,
    [d.signDueAt, d.handleDueAt, d.reworkDueAt, d.dueProvisional],
  );
}

export async function recordCancellation(m: EntityManager, tenantId: string, ref: WorkOrderRef, c: Cancellation): Promise<void> {
  await updateWorkOrder(m, tenantId, ref, `cancelled_at = $3, cancel_reason = $4`, [c.cancelledAt, c.reason], 'cancelled_at is null');
}

/** 复核 of one answer: the latest review's verdict is kept. */
export async function recordReview(m: EntityManager, tenantId: string, ref: WorkOrderRef, r: Review): Promise<void> {
  await updateWorkOrder(
    m,
    tenantId,
    ref,
    `review_passed = $3, reviewed_at = $4`,
    [r.passed, r.reviewedAt],
    'reviewed_at is null or reviewed_at <= $4',
  );
}

/** One more urge (the inbox applies each event once); the ladder's notice and circular keep their first time. */
export async function recordUrge(m: EntityManager, tenantId: string, ref: WorkOrderRef, u: Urge): Promise<void> {
  await updateWorkOrder(
    m,
    tenantId,
    ref,
    `urges = urges + 1,
     urge_notice_at = case when $4 = 'notice' then coalesce(urge_notice_at, $3) else urge_notice_at end,
     urge_circular_at = case when $4 = 'circular' then coalesce(urge_circular_at, $3) else urge_circular_at end`,
    [u.urgedAt, u.level],
  );
}

/** One more 督办 order on the work order. */
export async function recordSupervision(m: EntityManager, tenantId: string, ref: WorkOrderRef): Promise<void> {
  await updateWorkOrder(m, tenantId, ref, `supervisions = supervisions + 1`, []);
}

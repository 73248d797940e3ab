import { EntityManager } from 'typeorm';
import type { handlingEventsV1, revisitEventsV1 } from '@hotline/contracts';
import { instantOrNull, receiptDay } from '@hotline/analytics-domain';
import { moveStage, recordBrief } from './request-facts';
import { either, greatest, passedReviewOf, upsertWorkOrder } from './work-order-facts';

// Only the primary (主办) order moves the request's stage; assisting orders never gate it.
const PRIMARY = 'primary';

export async function foldWorkOrderCreated(
  m: EntityManager, tenantId: string, e: handlingEventsV1.WorkOrderCreated, fallbackAt: Date,
): Promise<void> {
  const createdAt = instantOrNull(e.createdAt) ?? fallbackAt;
  await upsertWorkOrder(m, tenantId, e.workOrderId, {
    request_id: e.request?.requestId || null,
    unit_id: e.unitId || null,
    unit_code: e.unitCode || null,
    unit_name: e.unitName || null,
    role: e.role || null,
    category_code: e.request?.categoryCode || null,
    day: receiptDay(e.request?.receivedAt),
    created_at: createdAt,
    sign_due_at: instantOrNull(e.signDueAt),
    handle_due_at: instantOrNull(e.handleDueAt),
  });
  // A work order exists only once the request was dispatched, whichever stream is ahead.
  await recordBrief(m, tenantId, e.request, { stage: 'dispatched', at: createdAt });
  const requestId = e.request?.requestId;
  if (e.role !== PRIMARY || !requestId) return;
  const reviewedAt = await passedReviewOf(m, tenantId, e.workOrderId);
  if (reviewedAt) await moveStage(m, tenantId, requestId, { stage: 'reviewed', at: reviewedAt });
}

export async function foldWorkOrderSigned(
  m: EntityManager, tenantId: string, e: handlingEventsV1.WorkOrderSigned, fallbackAt: Date,
): Promise<void> {
  const signedAt = instantOrNull(e.signedAt) ?? fallbackAt;
  const role = await upsertWorkOrder(m, tenantId, e.workOrderId, {
    request_id: e.requestId || null,
    unit_id: e.unitId || null,
    signed_at: signedAt,
    signed_on_time: e.onTime,
  });
  if (role === PRIMARY && e.requestId) await moveStage(m, tenantId, e.requestId, { stage: 'in-progress', at: signedAt });
}

/** The latest answer's time, on-time flag and working hours replace the previous answer's. */
export async function foldWorkOrderAnswered(
  m: EntityManager, tenantId: string, e: handlingEventsV1.WorkOrderAnswered, fallbackAt: Date,
): Promise<void> {
  const answeredAt = instantOrNull(e.answeredAt) ?? fallbackAt;
  await upsertWorkOrder(
    m,
    tenantId,
    e.workOrderId,
    {
      request_id: e.requestId || null,
      unit_id: e.unitId || null,
      role: e.role || null,
      answered_at: answeredAt,
      answered_on_time: e.onTime,
      handling_working_hours: e.handlingWorkingHours,
      rework_count: e.reworkCount,
    },
    { rework_count: greatest('rework_count') },
  );
  if (e.role === PRIMARY && e.requestId) await moveStage(m, tenantId, e.requestId, { stage: 'answered', at: answeredAt });
}

export async function foldWorkOrderOverdue(m: EntityManager, tenantId: string, e: handlingEventsV1.WorkOrderOverdue): Promise<void> {
  const column = e.clock === 'sign-for' ? 'sign_overdue' : e.clock === 'handling' ? 'handle_overdue' : null;
  if (!column) return;
  await upsertWorkOrder(
    m,
    tenantId,
    e.workOrderId,
    { request_id: e.requestId || null, unit_id: e.unitId || null, [column]: true },
    { [column]: either(column) },
  );
}

export async function foldWorkOrderReopened(
  m: EntityManager, tenantId: string, e: handlingEventsV1.WorkOrderReopened, fallbackAt: Date,
): Promise<void> {
  const role = await upsertWorkOrder(
    m,
    tenantId,
    e.workOrderId,
    {
      request_id: e.requestId || null,
      unit_id: e.unitId || null,
      rework_count: e.reworkCount,
      handle_due_at: instantOrNull(e.handleDueAt),
    },
    { rework_count: greatest('rework_count') },
  );
  const reopenedAt = instantOrNull(e.reopenedAt) ?? fallbackAt;
  if (role === PRIMARY && e.requestId)
    await moveStage(m, tenantId, e.requestId, { stage: 'in-progress', at: reopenedAt, rework: true });
}

/** Review (复核) of one answer; the request is reviewed when its primary order's answer passes. */
export async function foldAnswerReviewed(
  m: EntityManager, tenantId: string, e: revisitEventsV1.AnswerReviewed, fallbackAt: Date,
): Promise<void> {
  const reviewedAt = instantOrNull(e.reviewedAt) ?? fallbackAt;
  const role = await upsertWorkOrder(
    m,
    tenantId,
    e.workOrderId,
    { request_id: e.requestId || null, unit_id: e.unitId || null, review_passed: e.passed, reviewed_at: reviewedAt },
    {
      // Keep the latest review's verdict.
      review_passed: `case when work_order_facts.reviewed_at > excluded.reviewed_at then work_order_facts.review_passed else excluded.review_passed end`,
      reviewed_at: greatest('reviewed_at'),
    },
  );
  if (e.passed && role === PRIMARY && e.requestId) await moveStage(m, tenantId, e.requestId, { stage: 'reviewed', at: reviewedAt });
}

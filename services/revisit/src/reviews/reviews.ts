import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Events, handlingEventsV1 } from '@hotline/contracts';
import { fieldErrors, Identity, Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import {
  ASSIGNMENT_ROLES,
  AssignmentRole,
  isDecided,
  MAX_REASON_LENGTH,
  MAX_REASONS,
  progressAfterDecision,
  REVIEW_STATUSES,
} from '@hotline/revisit-domain';
import { pageShape } from '../common/page';
import { ReviewEntity } from './review.entity';

export const ListReviewsQuery = z.object({ status: z.enum(REVIEW_STATUSES).optional(), ...pageShape }).strict();
export type ListReviews = z.infer<typeof ListReviewsQuery>;

export const DecisionBody = z
  .object({
    passed: z.boolean(),
    reasons: z.array(z.string().trim().min(1).max(MAX_REASON_LENGTH)).min(1).max(MAX_REASONS).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!body.passed && !body.reasons)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reasons'], message: 'required when passed is false' });
  });
export type Decision = z.infer<typeof DecisionBody>;

const ReviewIdParam = z.string().uuid();

/** Validates the path's review id and the body together, so one 400 names every bad field. */
export function parseDecision(id: unknown, body: unknown): { reviewId: string; decision: Decision } {
  const reviewId = ReviewIdParam.safeParse(id);
  const decision = DecisionBody.safeParse(body ?? {});
  if (reviewId.success && decision.success) return { reviewId: reviewId.data, decision: decision.data };
  throw ProblemError.validation([
    ...(reviewId.success ? [] : fieldErrors(reviewId.error, 'id')),
    ...(decision.success ? [] : fieldErrors(decision.error)),
  ]);
}

export function toReviewView(r: ReviewEntity) {
  return {
    id: r.id,
    requestId: r.requestId,
    workOrderId: r.workOrderId,
    unitId: r.unitId,
    role: r.role,
    answer: r.answer,
    basis: r.basis,
    contactRecord: r.contactRecord,
    reworkCount: r.reworkCount,
    status: r.status,
    reasons: r.reasons,
    createdAt: r.createdAt.toISOString(),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewedBy: r.reviewedBy,
  };
}

/**
 * Snapshots an answer as a pending review, once per work order and rework round; for the
 * primary order the request now awaits review. A repeated answer (same round) changes nothing.
 */
export async function recordAnswer(
  manager: EntityManager,
  tenantId: string,
  answered: handlingEventsV1.WorkOrderAnswered,
): Promise<void> {
  if (!(ASSIGNMENT_ROLES as readonly string[]).includes(answered.role))
    throw new Error(`WorkOrderAnswered has an unknown role "${answered.role}"`);
  const inserted: unknown[] = await manager.query(
    `insert into reviews (id, tenant_id, request_id, work_order_id, unit_id, role, answer, basis, contact_record, rework_count)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (tenant_id, work_order_id, rework_count) do nothing
     returning id`,
    [
      uuidv7(), tenantId, answered.requestId, answered.workOrderId, answered.unitId, answered.role,
      answered.answer, answered.basis, answered.contactRecord, answered.reworkCount,
    ],
  );
  if (inserted.length === 0 || (answered.role as AssignmentRole) !== 'primary') return;
  // A closed request stays closed (a late or replayed answer must not reopen it).
  await manager.query(
    `insert into request_progress (tenant_id, request_id, primary_work_order_id, primary_unit_id, status, updated_at)
     values ($1, $2, $3, $4, 'awaiting-review', now())
     on conflict (tenant_id, request_id) do update
       set primary_work_order_id = excluded.primary_work_order_id, primary_unit_id = excluded.primary_unit_id,
           status = 'awaiting-review', updated_at = now()
       where request_progress.status <> 'closed'`,
    [tenantId, answered.requestId, answered.workOrderId, answered.unitId],
  );
}

/** The tenant's reviews, oldest first (a work queue). RLS scopes the query. */
export function listReviews(manager: EntityManager, query: ListReviews): Promise<ReviewEntity[]> {
  return manager.getRepository(ReviewEntity).find({
    where: query.status ? { status: query.status } : {},
    order: { createdAt: 'ASC', id: 'ASC' },
    take: query.limit,
    skip: query.offset,
  });
}

/** Records a 复核 decision and AnswerReviewed; a passed primary answer moves the request to revisit. */
export async function decideReview(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  reviewId: string,
  decision: Decision,
): Promise<ReviewEntity> {
  const repo = manager.getRepository(ReviewEntity);
  const review = await repo.findOne({ where: { id: reviewId }, lock: { mode: 'pessimistic_write' } });
  if (!review) throw ProblemError.notFound(`review ${reviewId}`);
  if (isDecided(review.status)) throw ProblemError.conflict(`review ${reviewId} was already decided (${review.status})`);
  review.status = decision.passed ? 'passed' : 'failed';
  review.reasons = decision.reasons ?? [];
  review.reviewedAt = new Date();
  review.reviewedBy = who.subject;
  await repo.save(review);
  await outbox.append(manager, {
    event: Events.revisit.answerReviewed,
    tenantId: who.tenantId,
    aggregateType: 'request',
    aggregateId: review.requestId,
    payload: {
      reviewId: review.id,
      requestId: review.requestId,
      workOrderId: review.workOrderId,
      unitId: review.unitId,
      passed: decision.passed,
      reasons: review.reasons,
      reviewedAt: review.reviewedAt.toISOString(),
    },
  });
  const next = progressAfterDecision(review.role, decision.passed);
  if (next)
    await manager.query(
      `update request_progress set status = $3, updated_at = now()
       where tenant_id = $1 and request_id = $2 and primary_work_order_id = $4 and status = 'awaiting-review'`,
      [who.tenantId, review.requestId, next, review.workOrderId],
    );
  return review;
}

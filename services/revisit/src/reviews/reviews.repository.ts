import { EntityManager, In } from 'typeorm';
import { uuidv7 } from '@hotline/platform';
import type { AssignmentRole, ReviewStatus } from '@hotline/vocabulary';
import { ReviewEntity } from './review.entity';

/** One answer as handling reported it, to be reviewed. */
export interface AnswerToReview {
  requestId: string;
  workOrderId: string;
  unitId: string;
  role: AssignmentRole;
  answer: string;
  basis: string;
  contactRecord: string;
  answeredAt: string | null;
  answeredBy: string | null;
  onTime: boolean;
  reworkCount: number;
  status: Extract<ReviewStatus, 'pending' | 'withdrawn' | 'assist-input'>;
}

/**
 * Snapshots an answer for review, once per work order and rework round. Returns false when that
 * round was already recorded (a re-publication under another message id changes nothing).
 */
export async function insertAnswerReview(manager: EntityManager, tenantId: string, a: AnswerToReview): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `insert into reviews (id, tenant_id, request_id, work_order_id, unit_id, role, answer, basis, contact_record,
                          answered_at, answered_by, on_time, rework_count, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     on conflict (tenant_id, work_order_id, rework_count) do nothing
     returning id`,
    [
      uuidv7(), tenantId, a.requestId, a.workOrderId, a.unitId, a.role, a.answer, a.basis, a.contactRecord,
      a.answeredAt, a.answeredBy, a.onTime, a.reworkCount, a.status,
    ],
  );
  return inserted.length > 0;
}

export function lockReview(manager: EntityManager, reviewId: string): Promise<ReviewEntity | null> {
  return manager.getRepository(ReviewEntity).findOne({ where: { id: reviewId }, lock: { mode: 'pessimistic_write' } });
}

export async function saveReview(manager: EntityManager, review: ReviewEntity): Promise<void> {
  await manager.getRepository(ReviewEntity).save(review);
}

/** Withdraws the request's reviews still pending: once it is closed nobody will decide them. */
export async function withdrawPendingReviews(manager: EntityManager, requestId: string, at: Date, by: string): Promise<void> {
  await manager.query(
    `update reviews set status = 'withdrawn', reviewed_at = $2, reviewed_by = $3 where request_id = $1 and status = 'pending'`,
    [requestId, at, by],
  );
}

/**
 * The inputs (协办意见) the assisting units gave into each of these requests' lead answers, oldest
 * first (ADR 0026): the reviewer decides the lead's answer with them in view.
 */
export async function assistInputsOf(manager: EntityManager, requestIds: readonly string[]): Promise<Map<string, ReviewEntity[]>> {
  const byRequest = new Map<string, ReviewEntity[]>();
  if (requestIds.length === 0) return byRequest;
  const rows = await manager.getRepository(ReviewEntity).find({
    where: { requestId: In([...new Set(requestIds)]), status: 'assist-input' },
    order: { answeredAt: 'ASC', id: 'ASC' },
  });
  for (const row of rows) byRequest.set(row.requestId, [...(byRequest.get(row.requestId) ?? []), row]);
  return byRequest;
}

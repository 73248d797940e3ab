import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { decidedStatus, decisionRefusal, progressAfterDecision } from '@hotline/revisit-domain';
import { moveToAwaitingRevisit } from '../revisits/revisits.repository';
import { startRevisit } from '../revisits/start-revisit';
import { ReviewEntity } from './review.entity';
import { Decision } from './reviews.schemas';
import { lockReview, saveReview } from './reviews.repository';

/**
 * Records a 复核 decision and AnswerReviewed. A passed primary answer moves the request to its
 * revisit (startRevisit: an anonymous or undrawn request is skipped, closed and archived in the
 * same transaction; a drawn one gets its window timer). The reasons are kept and published
 * masked only: a 复核 judges the answer's form, not whom to call, and the revisit agent reaches the
 * requester through intake's audited clear read, so no clear phone or id number is worth a copy.
 */
export async function decideReview(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  reviewId: string,
  decision: Decision,
): Promise<ReviewEntity> {
  const review = await lockReview(manager, reviewId);
  if (!review) throw ProblemError.notFound(`review ${reviewId}`);
  const refusal = decisionRefusal(reviewId, review.status);
  if (refusal) throw ProblemError.conflict(refusal);
  review.status = decidedStatus(decision.passed);
  review.reasons = (decision.reasons ?? []).map(maskPersonalData);
  review.reviewedAt = new Date();
  review.reviewedBy = who.subject;
  await saveReview(manager, review);
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
      reviewedBy: who.subject,
      role: review.role,
    },
  });
  if (progressAfterDecision(review.role, decision.passed) !== 'awaiting-revisit') return review;
  const progress = await moveToAwaitingRevisit(manager, review.requestId, review.workOrderId);
  if (progress) await startRevisit(manager, outbox, who.tenantId, progress);
  return review;
}

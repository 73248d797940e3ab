import { ReviewEntity } from './review.entity';

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
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answeredBy: r.answeredBy,
    onTime: r.onTime,
    reworkCount: r.reworkCount,
    status: r.status,
    reasons: r.reasons,
    createdAt: r.createdAt.toISOString(),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewedBy: r.reviewedBy,
  };
}

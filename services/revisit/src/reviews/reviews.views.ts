import { maskPersonalData } from '@hotline/privacy';
import { ReviewEntity } from './review.entity';

/** An assisting unit's input as the reviewer sees it beside the lead's answer. */
function toAssistInputView(r: ReviewEntity) {
  return {
    workOrderId: r.workOrderId,
    unitId: r.unitId,
    answer: maskPersonalData(r.answer),
    basis: maskPersonalData(r.basis),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answeredBy: r.answeredBy,
    onTime: r.onTime,
  };
}

/**
 * A review as reviewers and supervisors see it; a lead answer's with the assisting units' inputs
 * that went into it (assistInputs, ADR 0026). Its text is masked again here: stored rows are
 * masked, but a replica of the previous release may still write clear ones while an upgrade rolls.
 */
export function toReviewView(r: ReviewEntity, assistInputs: readonly ReviewEntity[] = []) {
  return {
    id: r.id,
    requestId: r.requestId,
    workOrderId: r.workOrderId,
    unitId: r.unitId,
    role: r.role,
    answer: maskPersonalData(r.answer),
    basis: maskPersonalData(r.basis),
    contactRecord: maskPersonalData(r.contactRecord),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answeredBy: r.answeredBy,
    onTime: r.onTime,
    reworkCount: r.reworkCount,
    status: r.status,
    reasons: r.reasons.map(maskPersonalData),
    createdAt: r.createdAt.toISOString(),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewedBy: r.reviewedBy,
    assistInputs: r.role === 'primary' ? assistInputs.map(toAssistInputView) : [],
  };
}

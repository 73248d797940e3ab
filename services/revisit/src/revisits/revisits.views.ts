import type { RedoCounts } from './revisits.repository';
import { RequestProgressEntity } from './request-progress.entity';
import { RevisitEntity } from './revisit.entity';

export function toProgressView(p: RequestProgressEntity) {
  return {
    requestId: p.requestId,
    primaryWorkOrderId: p.primaryWorkOrderId,
    primaryUnitId: p.primaryUnitId,
    status: p.status,
    /** Anonymous, checked by the hotline itself: nobody to call, recorded with respondent hotline. */
    hotlineCheck: p.hotlineCheck,
    attempts: p.attempts,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toRevisitView(r: RevisitEntity) {
  return {
    id: r.id,
    requestId: r.requestId,
    unitId: r.unitId,
    method: r.method,
    resolved: r.resolved,
    resolution: r.resolution,
    satisfaction: r.satisfaction,
    respondent: r.respondent,
    note: r.note,
    defaulted: r.defaulted,
    judgement: r.judgement,
    judgementNote: r.judgementNote,
    judgedAt: r.judgedAt?.toISOString() ?? null,
    judgedBy: r.judgedBy,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedBy,
  };
}

/** A unit's 重办 figures; the rate beside its denominator (有效参评), null when there is none. */
export function toRedoCountView(r: RedoCounts) {
  return { ...r, redoRate: r.evaluatedRequests > 0 ? r.redoneRequests / r.evaluatedRequests : null };
}

import { ReturnEntity } from './returns.entities';

/** A return as the hotline and the unit see it (the basis and note are about duties, not people). */
export function toReturnView(r: ReturnEntity) {
  return {
    id: r.id,
    requestId: r.requestId,
    attempt: r.attempt,
    unit: { unitId: r.unitId, unitCode: r.unitCode, unitName: r.unitName },
    reasonCode: r.reasonCode,
    basis: r.basis,
    returnedBy: r.returnedBy,
    returnedAt: r.returnedAt.toISOString(),
    windowDueAt: r.windowDueAt.toISOString(),
    status: r.status,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    /** The unit the returning unit thinks is right (建议承办单位), for the dispute review; null when none was named. */
    suggestedUnit: r.suggestedUnitId ? { unitId: r.suggestedUnitId, unitCode: r.suggestedUnitCode, unitName: r.suggestedUnitName } : null,
  };
}

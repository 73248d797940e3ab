import type { FollowUp, FollowUpChange } from './follow-ups.repository';

export function toFollowUpChangeView(c: FollowUpChange) {
  return {
    seq: c.seq,
    state: c.state,
    dueOn: c.dueOn,
    round: c.round,
    note: c.note,
    resolution: c.resolution,
    satisfaction: c.satisfaction,
    changedAt: c.changedAt.toISOString(),
    changedBy: c.changedBy,
  };
}

/** A follow-up; with its history (oldest change first) when it is read on its own or just changed. */
export function toFollowUpView(f: FollowUp, history?: FollowUpChange[]) {
  return {
    id: f.id,
    requestId: f.requestId,
    requestNumber: f.requestNumber,
    unitId: f.unitId,
    unitCode: f.unitCode,
    workOrderId: f.workOrderId,
    reason: f.reason,
    state: f.state,
    dueOn: f.dueOn,
    round: f.round,
    note: f.note,
    createdAt: f.createdAt.toISOString(),
    createdBy: f.createdBy,
    updatedAt: f.updatedAt.toISOString(),
    endedAt: f.endedAt?.toISOString() ?? null,
    ...(history ? { history: history.map(toFollowUpChangeView) } : {}),
  };
}

import { WorkOrderPauseEntity } from './work-order-pause.entity';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toPauseView(p: WorkOrderPauseEntity) {
  return {
    id: p.id,
    workOrderId: p.workOrderId,
    status: p.status,
    reason: p.reason,
    note: p.note,
    askedAt: p.askedAt.toISOString(),
    askedBy: p.askedBy,
    decidedAt: iso(p.decidedAt),
    decidedBy: p.decidedBy,
    decisionNote: p.decisionNote,
    startedAt: iso(p.startedAt),
    resumesBy: iso(p.resumesBy),
    endedAt: iso(p.endedAt),
    endedBy: p.endedBy,
    endKind: p.endKind,
    dueBefore: iso(p.dueBefore),
    dueAfter: iso(p.dueAfter),
  };
}

import type { SupervisionOrder } from './supervision.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSupervisionView(s: SupervisionOrder) {
  return {
    id: s.id,
    workOrderId: s.workOrderId,
    requestId: s.requestId,
    unitId: s.unitId,
    unitCode: s.unitCode,
    source: s.source,
    instruction: s.instruction,
    state: s.state,
    replyDueAt: s.replyDueAt.toISOString(),
    replyOverdue: s.replyOverdue,
    openedAt: s.openedAt.toISOString(),
    openedBy: s.openedBy,
    reply: s.reply,
    repliedAt: iso(s.repliedAt),
    repliedBy: s.repliedBy,
    closedAt: iso(s.closedAt),
    closedBy: s.closedBy,
    closeNote: s.closeNote,
  };
}

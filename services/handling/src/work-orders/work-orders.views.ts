import { handlingDueOf, handlingStartOf, maskBriefText } from '@hotline/handling-domain';
import { maskedAnswer } from './answer-text';
import { WorkOrderEntity } from './work-order.entity';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A work order as the API shows it to every role: masked identity, title, content, answer, basis
 * and contact record. The clear text is read only through the audited clear read.
 */
export function toWorkOrderView(o: WorkOrderEntity) {
  return {
    id: o.id,
    requestId: o.requestId,
    unitId: o.unitId,
    unitCode: o.unitCode,
    unitName: o.unitName,
    role: o.role,
    status: o.status,
    request: maskBriefText(o.brief),
    createdAt: o.createdAt.toISOString(),
    signDueAt: o.signDueAt.toISOString(),
    handleDueAt: o.handleDueAt.toISOString(),
    // Where the handling clock started (from the sign-for and unsigned: its latest start), and since when a pause stops it.
    handlingClockStart: o.handlingClockStart,
    handlingStartedAt: handlingStartOf(o).toISOString(),
    pausedAt: iso(o.pausedAt),
    // 延期 and pauses: the due they moved the clock to, and the one the handling clock runs to now.
    extendedDueAt: iso(o.extendedDueAt),
    handlingDueAt: handlingDueOf(o).toISOString(),
    reworkDueAt: iso(o.reworkDueAt),
    dueProvisional: o.dueProvisional,
    provisionalYears: o.provisionalYears,
    signedAt: iso(o.signedAt),
    signedBy: o.signedBy,
    answeredAt: iso(o.answeredAt),
    answeredBy: o.answeredBy,
    signedOffBy: o.signedOffBy,
    ...maskedAnswer(o),
    reworkCount: o.reworkCount,
    reopenedAt: iso(o.reopenedAt),
    signOverdue: o.signOverdue,
    handleOverdue: o.handleOverdue,
    reworkOverdue: o.reworkOverdue,
    warningLevel: o.warningLevel,
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    cancelledBy: o.cancelledBy,
    cancelNote: o.cancelNote,
  };
}

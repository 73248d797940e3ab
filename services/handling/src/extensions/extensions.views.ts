import { handlingDueOf } from '@hotline/handling-domain';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { WorkOrderExtensionEntity } from './extension.entity';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toExtensionView(e: WorkOrderExtensionEntity) {
  return {
    id: e.id,
    workOrderId: e.workOrderId,
    status: e.status,
    refusal: e.refusal,
    extraWorkingDays: e.extraWorkingDays,
    reason: e.reason,
    basis: e.basis,
    currentDueAt: e.currentDueAt.toISOString(),
    proposedDueAt: e.proposedDueAt.toISOString(),
    requestedAt: e.requestedAt.toISOString(),
    requestedBy: e.requestedBy,
    decidedAt: iso(e.decidedAt),
    decidedBy: e.decidedBy,
    decisionNote: e.decisionNote,
  };
}

/** The handling clock's history: the original due, every extension asked with who decided it, and the due now. */
export function toClockHistoryView(order: WorkOrderEntity, extensions: readonly WorkOrderExtensionEntity[]) {
  return {
    workOrderId: order.id,
    originalDueAt: order.handleDueAt.toISOString(),
    handlingDueAt: handlingDueOf(order).toISOString(),
    extensions: extensions.map(toExtensionView),
  };
}

import { handlingDueOf, handlingStartOf } from '@hotline/handling-domain';
import { toPauseView } from '../clocks/clocks.views';
import { WorkOrderPauseEntity } from '../clocks/work-order-pause.entity';
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

/**
 * The handling clock's history: where it started (and by which rule), the original due, every
 * extension asked with who decided it, every pause with the due before and after, and the due now.
 */
export function toClockHistoryView(order: WorkOrderEntity, extensions: readonly WorkOrderExtensionEntity[], pauses: readonly WorkOrderPauseEntity[]) {
  return {
    workOrderId: order.id,
    handlingClockStart: order.handlingClockStart,
    handlingStartedAt: handlingStartOf(order).toISOString(),
    // From the sign-for and unsigned yet, the start is its latest (the sign-for due), not a fact.
    handlingStartPlanned: order.handlingClockStart === 'sign-for' && order.signedAt === null,
    originalDueAt: order.handleDueAt.toISOString(),
    handlingDueAt: handlingDueOf(order).toISOString(),
    pausedAt: iso(order.pausedAt),
    extensions: extensions.map(toExtensionView),
    pauses: pauses.map(toPauseView),
  };
}

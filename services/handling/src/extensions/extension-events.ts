import { handlingEventsV1 } from '@hotline/contracts';
import { handlingDueOf } from '@hotline/handling-domain';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { WorkOrderExtensionEntity } from './extension.entity';

// The payloads of an extension's events, from the order and the extension as they are after the change.

const iso = (d: Date | null) => d?.toISOString() ?? '';
const ids = (o: WorkOrderEntity, e: WorkOrderExtensionEntity) => ({ workOrderId: o.id, requestId: o.requestId, unitId: o.unitId, extensionId: e.id });

export function extensionRequestedEvent(o: WorkOrderEntity, e: WorkOrderExtensionEntity): handlingEventsV1.WorkOrderExtensionRequested {
  return {
    ...ids(o, e),
    extraWorkingDays: e.extraWorkingDays,
    currentDueAt: iso(e.currentDueAt),
    proposedDueAt: iso(e.proposedDueAt),
    reason: e.reason,
    basis: e.basis,
    requestedAt: iso(e.requestedAt),
    requestedBy: e.requestedBy,
  };
}

export function extensionDecidedEvent(
  o: WorkOrderEntity,
  e: WorkOrderExtensionEntity,
  approvedCount: number,
): handlingEventsV1.WorkOrderExtensionDecided {
  return {
    ...ids(o, e),
    status: e.status,
    refusal: e.refusal ?? '',
    originalDueAt: iso(o.handleDueAt),
    handlingDueAt: iso(handlingDueOf(o)),
    extraWorkingDays: e.extraWorkingDays,
    decidedAt: iso(e.decidedAt),
    decidedBy: e.decidedBy ?? '',
    approvedCount,
  };
}

import { handlingEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { applyLifecycleStep, eventInstant, LifecycleStep, statedRole, TIMELINE } from './lifecycle-step';

/** WorkOrderCancelled (an order still open when its request closed): a timeline step without a status. */
export function workOrderCancelledStep(e: handlingEventsV1.WorkOrderCancelled, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: {
      kind: 'work-order-cancelled',
      at: eventInstant(e.cancelledAt, receivedAt),
      unitId: e.unitId,
      role: statedRole(e.role),
      entityId: e.workOrderId,
    },
    actor: systemActor('handling'),
    note: `${e.role} order cancelled: ${e.reason} (was ${e.previousStatus})`,
  };
}

export const onWorkOrderCancelled = onEvent(Events.handling.workOrderCancelled, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, workOrderCancelledStep(event.payload, event.publishedAt)),
);

import { handlingEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** WorkOrderSigned of the primary unit → in-progress (primary-signed), by the unit staff member who signed. */
export function workOrderSignedStep(e: handlingEventsV1.WorkOrderSigned, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: { kind: 'work-order-signed', at: eventInstant(e.signedAt, receivedAt), unitId: e.unitId, entityId: e.workOrderId },
    actor: actorOr(e.signedBy, 'handling'),
    note: e.onTime ? 'signed on time' : 'signed late',
  };
}

export const onWorkOrderSigned = onEvent(Events.handling.workOrderSigned, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, workOrderSignedStep(event.payload, event.publishedAt)),
);

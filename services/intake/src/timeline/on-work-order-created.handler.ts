import { handlingEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { applyLifecycleStep, eventInstant, LifecycleStep, statedRole, TIMELINE } from './lifecycle-step';

/** WorkOrderCreated: a timeline step without a status; a primary order names the primary unit if dispatch has not yet. */
export function workOrderCreatedStep(e: handlingEventsV1.WorkOrderCreated, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.request?.requestId ?? '',
    fact: {
      kind: 'work-order-created',
      at: eventInstant(e.createdAt, receivedAt),
      unitId: e.unitId,
      role: statedRole(e.role),
      entityId: e.workOrderId,
    },
    actor: systemActor('handling'),
    note: `${e.unitName || e.unitId} (${e.role})${e.dueProvisional ? ', due provisional' : ''}`,
  };
}

export const onWorkOrderCreated = onEvent(Events.handling.workOrderCreated, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, workOrderCreatedStep(event.payload, event.publishedAt)),
);

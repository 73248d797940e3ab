import { handlingEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** WorkOrderOverdue: a timeline step without a status (which clock was breached). */
export function workOrderOverdueStep(e: handlingEventsV1.WorkOrderOverdue, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    // One order may breach several clocks: each is a fact of its own.
    fact: { kind: 'work-order-overdue', at: eventInstant(e.flaggedAt, receivedAt), unitId: e.unitId, entityId: `${e.workOrderId}/${e.clock}` },
    actor: systemActor('handling'),
    note: `${e.clock} overdue`,
  };
}

export const onWorkOrderOverdue = onEvent(Events.handling.workOrderOverdue, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, workOrderOverdueStep(event.payload, event.publishedAt)),
);

import { handlingEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** WorkOrderReopened of the primary order → back to in-progress (review-failed): the one step back (rework). */
export function workOrderReopenedStep(e: handlingEventsV1.WorkOrderReopened, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: {
      kind: 'work-order-reopened',
      at: eventInstant(e.reopenedAt, receivedAt),
      unitId: e.unitId,
      entityId: e.workOrderId,
      reworkCount: e.reworkCount,
    },
    actor: systemActor('handling'),
    note: `rework ${e.reworkCount}${e.reworkDueAt ? `, due ${e.reworkDueAt}` : ''}`,
  };
}

export const onWorkOrderReopened = onEvent(Events.handling.workOrderReopened, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, workOrderReopenedStep(event.payload, event.publishedAt)),
);

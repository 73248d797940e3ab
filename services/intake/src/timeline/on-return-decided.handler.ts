import { dispatchEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { toAssignmentRole } from '@hotline/vocabulary';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** ReturnDecided: the dispute review's outcome; the note stays in dispatch. */
export function returnDecidedStep(e: dispatchEventsV1.ReturnDecided, receivedAt: Date): LifecycleStep {
  const then = e.outcome === 'accepted' ? 'the unit is excluded, re-dispatch follows' : 'the unit handles the order, its clocks as they ran';
  return {
    requestId: e.requestId,
    fact: {
      kind: 'return-decided',
      at: eventInstant(e.decidedAt, receivedAt),
      unitId: e.unit?.unitId,
      role: toAssignmentRole(e.unit?.role || 'primary'),
      entityId: e.returnId,
    },
    actor: actorOr(e.decidedBy, 'dispatch'),
    note: `return by ${e.unit?.unitName || e.unit?.unitCode || e.unit?.unitId} ${e.outcome}: ${then}`,
  };
}

export const onReturnDecided = onEvent(Events.dispatch.returnDecided, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, returnDecidedStep(event.payload, event.publishedAt)),
);

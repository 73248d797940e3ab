import { dispatchEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { toAssignmentRole } from '@hotline/vocabulary';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** ReturnFiled: the primary unit returned its order (退单), now in dispute review; the basis stays in dispatch. */
export function returnFiledStep(e: dispatchEventsV1.ReturnFiled, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: {
      kind: 'return-filed',
      at: eventInstant(e.returnedAt, receivedAt),
      unitId: e.unit?.unitId,
      role: toAssignmentRole(e.unit?.role || 'primary'),
      entityId: e.returnId,
    },
    actor: actorOr(e.returnedBy, 'dispatch'),
    note: `returned by ${e.unit?.unitName || e.unit?.unitCode || e.unit?.unitId} (${e.reasonCode}), attempt ${e.attempt}: in dispute review`,
  };
}

export const onReturnFiled = onEvent(Events.dispatch.returnFiled, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, returnFiledStep(event.payload, event.publishedAt)),
);

import { handlingEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, statedRole, TIMELINE } from './lifecycle-step';

/** WorkOrderAnswered of the primary order → answered (primary-answered). The answer itself stays out of the timeline. */
export function workOrderAnsweredStep(e: handlingEventsV1.WorkOrderAnswered, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: {
      kind: 'work-order-answered',
      at: eventInstant(e.answeredAt, receivedAt),
      unitId: e.unitId,
      role: statedRole(e.role),
      entityId: e.workOrderId,
      reworkCount: e.reworkCount,
    },
    actor: actorOr(e.answeredBy, 'handling'),
    note: `${e.role} answer, rework ${e.reworkCount}${e.onTime ? '' : ', late'}`,
  };
}

export const onWorkOrderAnswered = onEvent(Events.handling.workOrderAnswered, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, workOrderAnsweredStep(event.payload, event.publishedAt)),
);

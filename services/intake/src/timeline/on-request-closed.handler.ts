import { revisitEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** RequestClosed (办结 after the revisit, or after a skipped one) → closed (revisit-closed). */
export function requestClosedStep(e: revisitEventsV1.RequestClosed, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: { kind: 'request-closed', at: eventInstant(e.closedAt, receivedAt) },
    actor: actorOr(e.closedBy, 'revisit'),
    note: [e.revisitOutcome, e.satisfaction].filter(Boolean).join(': '),
  };
}

export const onRequestClosed = onEvent(Events.revisit.requestClosed, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, requestClosedStep(event.payload, event.publishedAt)),
);

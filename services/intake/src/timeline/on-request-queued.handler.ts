import { dispatchEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** RequestQueuedForManualDispatch → awaiting-dispatch (queued-for-manual-dispatch): the catalog could not place it. */
export function requestQueuedStep(e: dispatchEventsV1.RequestQueuedForManualDispatch, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.request?.requestId ?? '',
    fact: { kind: 'queued-for-manual-dispatch', at: eventInstant(e.queuedAt, receivedAt) },
    actor: systemActor('dispatch'),
    note: e.reason,
  };
}

export const onRequestQueued = onEvent(Events.dispatch.requestQueued, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, requestQueuedStep(event.payload, event.publishedAt)),
);

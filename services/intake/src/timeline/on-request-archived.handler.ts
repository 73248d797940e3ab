import { revisitEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** RequestArchived → archived, also for requests closed or not accepted at intake. */
export function requestArchivedStep(e: revisitEventsV1.RequestArchived, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: { kind: 'request-archived', at: eventInstant(e.archivedAt, receivedAt), entityId: e.archiveId },
    actor: systemActor('revisit'),
    note: `archive ${e.sequence}`,
  };
}

export const onRequestArchived = onEvent(Events.revisit.requestArchived, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, requestArchivedStep(event.payload, event.publishedAt)),
);

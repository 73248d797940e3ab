import { revisitEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** RevisitSkipped (nobody to contact, e.g. an anonymous requester): a timeline step without a status. */
export function revisitSkippedStep(e: revisitEventsV1.RevisitSkipped, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: { kind: 'revisit-skipped', at: eventInstant(e.skippedAt, receivedAt) },
    actor: systemActor('revisit'),
    note: `revisit skipped: ${e.reason}`,
  };
}

export const onRevisitSkipped = onEvent(Events.revisit.revisitSkipped, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, revisitSkippedStep(event.payload, event.publishedAt)),
);

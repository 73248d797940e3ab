import { revisitEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** RevisitRecorded → revisited (revisit-recorded), by whoever recorded it. */
export function revisitRecordedStep(e: revisitEventsV1.RevisitRecorded, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: { kind: 'revisit-recorded', at: eventInstant(e.recordedAt, receivedAt), entityId: e.revisitId },
    actor: actorOr(e.recordedBy, 'revisit'),
    note: `${e.method}: ${e.satisfaction}, ${e.resolved ? 'resolved' : 'unresolved'}`,
  };
}

export const onRevisitRecorded = onEvent(Events.revisit.revisitRecorded, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, revisitRecordedStep(event.payload, event.publishedAt)),
);

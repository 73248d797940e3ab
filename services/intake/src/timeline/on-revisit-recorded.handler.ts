import { revisitEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** RevisitRecorded → revisited (revisit-recorded), by whoever recorded it. */
export function revisitRecordedStep(e: revisitEventsV1.RevisitRecorded, receivedAt: Date): LifecycleStep {
  const resolution = e.resolution || (e.resolved ? 'resolved' : 'unresolved');
  // The hotline's own check of an anonymous request asks nobody: it has no satisfaction (未评价).
  const evaluation = e.respondent === 'hotline' ? `hotline-check, ${resolution}` : `${e.satisfaction}, ${resolution}`;
  return {
    requestId: e.requestId,
    fact: { kind: 'revisit-recorded', at: eventInstant(e.recordedAt, receivedAt), entityId: e.revisitId },
    actor: actorOr(e.recordedBy, 'revisit'),
    note: `${e.method}: ${evaluation}`,
  };
}

export const onRevisitRecorded = onEvent(Events.revisit.revisitRecorded, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, revisitRecordedStep(event.payload, event.publishedAt)),
);

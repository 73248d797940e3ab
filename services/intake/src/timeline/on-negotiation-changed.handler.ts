import { dispatchEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** What the step says of the negotiation as it now stands; the units' notes stay in dispatch. */
function negotiationNote(e: dispatchEventsV1.NegotiationChanged): string {
  switch (e.state) {
    case 'settled':
      return `negotiation settled (${e.outcome || 'decided'}): lead unit ${e.primaryUnitId}${e.assistingUnitIds.length ? `, assisting ${e.assistingUnitIds.join(', ')}` : ''}`;
    case 'lapsed':
      return 'negotiation lapsed at its deadline: the hotline decides the lead unit';
    default:
      return `negotiation among ${e.candidateUnitIds.length} candidate units, due ${e.dueAt}`;
  }
}

/** NegotiationChanged: a step of the request's history (协商 opened, answered, settled or lapsed) that moves no status. */
export function negotiationChangedStep(e: dispatchEventsV1.NegotiationChanged, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: { kind: 'negotiation-changed', at: eventInstant(e.changedAt, receivedAt), entityId: `${e.negotiationId}:${e.state}` },
    actor: actorOr(e.changedBy, 'dispatch'),
    note: negotiationNote(e),
  };
}

export const onNegotiationChanged = onEvent(Events.dispatch.negotiationChanged, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, negotiationChangedStep(event.payload, event.publishedAt)),
);

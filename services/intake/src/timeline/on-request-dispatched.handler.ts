import { dispatchEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { rememberUnitCodes } from '../contact/unit-codes.repository';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, TIMELINE } from './lifecycle-step';

/** RequestDispatched → dispatched, by the dispatcher or (catalog) by dispatch itself; it names the primary unit. */
export function requestDispatchedStep(e: dispatchEventsV1.RequestDispatched, receivedAt: Date): LifecycleStep {
  const primary = e.assignments.find((a) => a.role === 'primary');
  const units = e.assignments.map((a) => `${a.unitName || a.unitId} (${a.role})`).join(', ');
  return {
    requestId: e.request?.requestId ?? '',
    fact: { kind: 'dispatched', at: eventInstant(e.dispatchedAt, receivedAt), primaryUnitId: primary?.unitId },
    actor: actorOr(e.dispatchedBy, 'dispatch'),
    note: `${e.mode}: ${units}`,
  };
}

/** The step, and the codes of the units it names (contact/unit-codes.repository.ts: unit staff's tokens carry codes). */
export const onRequestDispatched = onEvent(Events.dispatch.requestDispatched, TIMELINE, async (event, manager, ctx) => {
  await applyLifecycleStep(manager, ctx.outbox, event, requestDispatchedStep(event.payload, event.publishedAt));
  await rememberUnitCodes(manager, event.tenantId, event.payload.assignments, eventInstant(event.payload.dispatchedAt, event.publishedAt));
});

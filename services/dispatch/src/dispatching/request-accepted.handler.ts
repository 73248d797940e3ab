import { commonV1, Events, intakeEventsV1 } from '@hotline/contracts';
import { decideDispatch } from '@hotline/dispatch-domain';
import { EventHandler, Outbox } from '@hotline/platform';
import { catalogCandidates } from '../catalog/catalog';
import { isDispatchedOrQueued, lockRequest, queueForManualDispatch, recordDispatch } from './dispatching';

/**
 * RequestAccepted → dispatch by the catalog in force, or queue for a dispatcher. A request
 * already dispatched or queued is left alone, so a republished acceptance changes nothing.
 */
export function onRequestAccepted(outbox: Outbox): EventHandler {
  return async (event, manager) => {
    if (event.definition !== Events.intake.requestAccepted) return;
    const brief: commonV1.RequestBrief | undefined = (event.payload as intakeEventsV1.RequestAccepted).request;
    // Thrown, not ignored: after the retries the message lands in dead_letters for a human.
    if (!brief?.requestId) throw new Error('RequestAccepted carries no request id');
    await lockRequest(manager, brief.requestId);
    if (await isDispatchedOrQueued(manager, brief.requestId)) return;

    const decision = decideDispatch(await catalogCandidates(manager, brief), brief);
    if (decision.kind === 'queue') {
      await queueForManualDispatch(manager, outbox, event.tenantId, brief, decision.reason);
      return;
    }
    await recordDispatch(manager, outbox, event.tenantId, brief, {
      mode: 'catalog',
      catalogVersion: decision.catalogVersion,
      dispatchedBy: '',
      units: decision.entry,
    });
  };
}

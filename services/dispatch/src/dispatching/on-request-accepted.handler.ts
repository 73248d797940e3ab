import { Events } from '@hotline/contracts';
import { decideDispatch } from '@hotline/dispatch-domain';
import { onEvent } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { catalogInForceFor } from '../catalog/catalog-in-force.query';
import { catalogUnitsTakingWork } from '../units/unit-activity';
import { dispatchRequest, queueRequest } from './dispatch-request';
import { isDispatchedOrQueued, lockRequest } from './dispatching.repository';

/**
 * RequestAccepted → dispatch by the catalog in force (to the entry's units that take new work),
 * or queue for a dispatcher. A request already dispatched or queued is left alone, so a
 * republished acceptance changes nothing.
 */
export const onRequestAccepted = onEvent(Events.intake.requestAccepted, 'request-accepted', async (event, manager, ctx) => {
  const brief = event.payload.request;
  // Thrown, not ignored: after the retries the message lands in dead_letters for a human.
  if (!brief?.requestId) throw new Error('RequestAccepted carries no request id');
  await lockRequest(manager, brief.requestId);
  if (await isDispatchedOrQueued(manager, brief.requestId)) return;

  const queue = (reason: string) => queueRequest(manager, ctx.outbox, event.tenantId, brief, reason);
  const decision = decideDispatch(await catalogInForceFor(manager, brief), brief);
  if (decision.kind === 'queue') return void (await queue(decision.reason));
  // A deactivated unit takes no new work: as the entry's primary, the request waits for a dispatcher.
  const units = await catalogUnitsTakingWork(manager, decision.entry);
  if (units.kind === 'queue') return void (await queue(units.reason));
  await dispatchRequest(manager, ctx.outbox, event.tenantId, brief, {
    mode: 'catalog',
    catalogVersion: decision.catalogVersion,
    dispatchedBy: systemActor('dispatch'),
    units: units.units,
    firstResponsible: decision.entry.firstResponsible ?? false,
  });
});

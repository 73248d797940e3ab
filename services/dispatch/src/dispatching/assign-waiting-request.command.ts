import { EntityManager } from 'typeorm';
import { assignmentUnitIssues, decideDispatch, excludedUnitIssues, isDesignatedAttempt, pushDownIssues } from '@hotline/dispatch-domain';
import { Outbox, ProblemError } from '@hotline/platform';
import { catalogInForceFor } from '../catalog/catalog-in-force.query';
import { settleOnDispatch } from '../negotiation/negotiation-record';
import { stopQueueClock } from '../queue-clock/queue-clock';
import { loadReturnPolicy } from '../returns/return-policy.query';
import { choiceFields, refuseInactiveUnits } from '../units/unit-activity';
import { unitDirectory } from '../units/units.query';
import { DispatchEntity } from './dispatch.entities';
import { dispatchRequest } from './dispatch-request';
import { findDispatch, findWaiting, lockRequest, resolveQueueItem } from './dispatching.repository';
import { Assign } from './dispatching.schemas';

/**
 * A dispatcher places a waiting request by hand: dispatch (mode manual) and resolve the queue
 * item. A request waiting after an accepted return is re-dispatched (改派): never to a unit
 * whose return was accepted, one attempt more, designated (指定办理) at the tenant's maximum.
 * A street/township unit may take it only when the catalog entry for its category and area
 * marks the duty territorial (属地): no push-down of a department's duty (66号文). A deactivated
 * unit takes no new work (409 naming it).
 */
export async function assignWaitingRequest(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  requestId: string,
  dispatcher: string,
  input: Assign,
): Promise<DispatchEntity> {
  await lockRequest(manager, requestId);
  const item = await findWaiting(manager, requestId);
  if (!item) throw ProblemError.notFound(`request ${requestId} waiting for dispatch`);
  const previous = await findDispatch(manager, requestId);
  const directory = await unitDirectory(manager, [input.primaryUnitId, ...input.assistingUnitIds]);
  const byCatalog = decideDispatch(await catalogInForceFor(manager, item.brief), item.brief);
  const territorial = byCatalog.kind === 'dispatch' && (byCatalog.entry.territorial ?? false);
  const issues = [
    ...assignmentUnitIssues(input, directory),
    ...excludedUnitIssues(input, previous?.excludedUnitIds ?? []),
    ...pushDownIssues(input, directory, territorial),
  ];
  if (issues.length > 0) throw ProblemError.validation(issues);
  await refuseInactiveUnits(manager, choiceFields(input));
  const redispatch = previous
    ? { previous, designated: isDesignatedAttempt(previous.attempt + 1, (await loadReturnPolicy(manager)).maxDispatchAttempts) }
    : undefined;
  const dispatch = await dispatchRequest(manager, outbox, tenantId, item.brief, {
    mode: 'manual',
    catalogVersion: 0,
    dispatchedBy: dispatcher,
    units: input,
    directory,
    redispatch,
    // The dispatcher says so, or the catalog entry for the request's category and area does.
    firstResponsible: input.firstResponsible ?? (byCatalog.kind === 'dispatch' && (byCatalog.entry.firstResponsible ?? false)),
  });
  await resolveQueueItem(manager, requestId, dispatch.dispatchedAt);
  await stopQueueClock(manager, requestId);
  await settleOnDispatch(manager, outbox, requestId, input, dispatcher);
  return dispatch;
}

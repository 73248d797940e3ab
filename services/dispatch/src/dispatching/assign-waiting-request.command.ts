import { EntityManager } from 'typeorm';
import { assignmentUnitIssues } from '@hotline/dispatch-domain';
import { Outbox, ProblemError } from '@hotline/platform';
import { unitDirectory } from '../units/units.query';
import { DispatchEntity } from './dispatch.entities';
import { dispatchRequest } from './dispatch-request';
import { findWaiting, lockRequest, resolveQueueItem } from './dispatching.repository';
import { Assign } from './dispatching.schemas';

/** A dispatcher places a waiting request by hand: dispatch (mode manual) and resolve the queue item. */
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
  const directory = await unitDirectory(manager, [input.primaryUnitId, ...input.assistingUnitIds]);
  const issues = assignmentUnitIssues(input, directory);
  if (issues.length > 0) throw ProblemError.validation(issues);
  const dispatch = await dispatchRequest(manager, outbox, tenantId, item.brief, {
    mode: 'manual',
    catalogVersion: 0,
    dispatchedBy: dispatcher,
    units: input,
    directory,
  });
  await resolveQueueItem(manager, requestId, dispatch.dispatchedAt);
  return dispatch;
}

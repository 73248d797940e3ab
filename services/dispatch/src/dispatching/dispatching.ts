import { EntityManager } from 'typeorm';
import { commonV1, Events } from '@hotline/contracts';
import { assignmentUnknownUnits, buildAssignments } from '@hotline/dispatch-domain';
import { Outbox, ProblemError } from '@hotline/platform';
import { unitCardsById } from '../units/units';
import { DispatchEntity, DispatchQueueEntity } from './dispatch.entities';

export interface UnitChoice {
  primaryUnitId: string;
  assistingUnitIds: readonly string[];
}

export interface Placement {
  mode: DispatchEntity['mode'];
  catalogVersion: number;
  dispatchedBy: string;
  units: UnitChoice;
}

/** Serialises everything that dispatches or queues one request, across consumers and dispatchers. */
export async function lockRequest(manager: EntityManager, requestId: string): Promise<void> {
  await manager.query(`select pg_advisory_xact_lock(hashtext('dispatch-request:' || $1))`, [requestId]);
}

/** True once the request was dispatched or queued (whether or not the queue item is resolved). */
export async function isDispatchedOrQueued(manager: EntityManager, requestId: string): Promise<boolean> {
  return (
    (await manager.getRepository(DispatchEntity).exists({ where: { requestId } })) ||
    (await manager.getRepository(DispatchQueueEntity).exists({ where: { requestId } }))
  );
}

/** 400 naming each unit id that is not in the tenant's directory. */
export async function assertUnitsExist(manager: EntityManager, units: UnitChoice): Promise<void> {
  const known = await unitCardsById(manager, [units.primaryUnitId, ...units.assistingUnitIds]);
  const issues = assignmentUnknownUnits(units, new Set(known.keys()));
  if (issues.length > 0) throw ProblemError.validation(issues);
}

/** Records the dispatch and its RequestDispatched event, in the caller's tenant transaction. */
export async function recordDispatch(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  brief: commonV1.RequestBrief,
  placement: Placement,
): Promise<DispatchEntity> {
  const units = placement.units;
  const directory = await unitCardsById(manager, [units.primaryUnitId, ...units.assistingUnitIds]);
  const repo = manager.getRepository(DispatchEntity);
  const dispatch = repo.create({
    tenantId,
    requestId: brief.requestId,
    mode: placement.mode,
    catalogVersion: placement.catalogVersion,
    assignments: buildAssignments(units, directory),
    dispatchedAt: new Date(),
    dispatchedBy: placement.dispatchedBy,
  });
  await repo.insert(dispatch);
  await outbox.append(manager, {
    event: Events.dispatch.requestDispatched,
    tenantId,
    aggregateType: 'request',
    aggregateId: brief.requestId,
    payload: {
      request: brief,
      assignments: dispatch.assignments,
      mode: dispatch.mode,
      catalogVersion: dispatch.catalogVersion,
      dispatchedAt: dispatch.dispatchedAt.toISOString(),
      dispatchedBy: dispatch.dispatchedBy,
    },
  });
  return dispatch;
}

/** Puts the request in the manual-dispatch queue and emits RequestQueuedForManualDispatch. */
export async function queueForManualDispatch(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  brief: commonV1.RequestBrief,
  reason: string,
): Promise<DispatchQueueEntity> {
  const repo = manager.getRepository(DispatchQueueEntity);
  const item = repo.create({ tenantId, requestId: brief.requestId, brief, reason, queuedAt: new Date(), resolvedAt: null });
  await repo.insert(item);
  await outbox.append(manager, {
    event: Events.dispatch.requestQueued,
    tenantId,
    aggregateType: 'request',
    aggregateId: brief.requestId,
    payload: { request: brief, reason, queuedAt: item.queuedAt.toISOString() },
  });
  return item;
}

export function toDispatchView(d: DispatchEntity) {
  return {
    requestId: d.requestId,
    mode: d.mode,
    catalogVersion: d.catalogVersion,
    assignments: d.assignments,
    dispatchedAt: d.dispatchedAt.toISOString(),
    dispatchedBy: d.dispatchedBy,
  };
}

export function findDispatch(manager: EntityManager, requestId: string): Promise<DispatchEntity | null> {
  return manager.getRepository(DispatchEntity).findOne({ where: { requestId } });
}

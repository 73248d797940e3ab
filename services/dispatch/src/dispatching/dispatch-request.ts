import { EntityManager } from 'typeorm';
import { commonV1, Events } from '@hotline/contracts';
import { buildAssignments, UnitChoice, withMaskedText } from '@hotline/dispatch-domain';
import { Outbox } from '@hotline/platform';
import type { DispatchMode } from '@hotline/vocabulary';
import { startQueueClock } from '../queue-clock/queue-clock';
import { unitDirectory } from '../units/units.query';
import { DispatchEntity, DispatchQueueEntity } from './dispatch.entities';
import { requestDispatchedEvent, requestQueuedEvent } from './dispatching.events';
import { insertDispatch, insertQueueItem, replaceDispatch } from './dispatching.repository';

// The two outcomes of dispatching a request, shared by the catalog (on-request-accepted) and
// the dispatcher (assign-waiting-request): each writes its row and its event in one transaction.
// Both store and publish the brief with its free text masked, whatever they were given (intake's
// event, or a queue row written by a replica of the previous release during an upgrade).

export interface Placement {
  mode: DispatchMode;
  catalogVersion: number;
  /** The dispatcher's subject, or system:dispatch for the catalog. */
  dispatchedBy: string;
  units: UnitChoice;
  /** The units' cards when the caller has just read them (a manual assignment checks them first). */
  directory?: Awaited<ReturnType<typeof unitDirectory>>;
  /** A re-dispatch (改派): the attempt it follows, and whether this one is designated (指定办理). */
  redispatch?: { previous: DispatchEntity; designated: boolean };
  /** 首接负责: the primary leads the coordination (the catalog entry or the dispatcher says so). */
  firstResponsible?: boolean;
}

/** Records the dispatch and its RequestDispatched event, in the caller's tenant transaction. */
export async function dispatchRequest(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  brief: commonV1.RequestBrief,
  placement: Placement,
): Promise<DispatchEntity> {
  const masked = withMaskedText(brief);
  const { units } = placement;
  const directory = placement.directory ?? (await unitDirectory(manager, [units.primaryUnitId, ...units.assistingUnitIds]));
  const dispatch: DispatchEntity = {
    tenantId,
    requestId: brief.requestId,
    mode: placement.mode,
    catalogVersion: placement.catalogVersion,
    assignments: buildAssignments(units, directory),
    dispatchedAt: new Date(),
    dispatchedBy: placement.dispatchedBy,
    attempt: (placement.redispatch?.previous.attempt ?? 0) + 1,
    designated: placement.redispatch?.designated ?? false,
    firstResponsible: placement.firstResponsible ?? false,
    excludedUnitIds: placement.redispatch?.previous.excludedUnitIds ?? [],
    brief: masked,
  };
  if (placement.redispatch) await replaceDispatch(manager, dispatch);
  else await insertDispatch(manager, dispatch);
  await outbox.append(manager, {
    event: Events.dispatch.requestDispatched,
    tenantId,
    aggregateType: 'request',
    aggregateId: brief.requestId,
    payload: requestDispatchedEvent(masked, dispatch),
  });
  return dispatch;
}

/** Puts the request in the manual-dispatch queue and emits RequestQueuedForManualDispatch. */
export async function queueRequest(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  brief: commonV1.RequestBrief,
  reason: string,
): Promise<DispatchQueueEntity> {
  const item = await startQueueClock(manager, {
    tenantId,
    requestId: brief.requestId,
    brief: withMaskedText(brief),
    reason,
    queuedAt: new Date(),
    resolvedAt: null,
  });
  await insertQueueItem(manager, item);
  await outbox.append(manager, {
    event: Events.dispatch.requestQueued,
    tenantId,
    aggregateType: 'request',
    aggregateId: brief.requestId,
    payload: requestQueuedEvent(item),
  });
  return item;
}

import { EntityManager, IsNull } from 'typeorm';
import { QUEUE_URGENCY_ORDER, queueUrgencyRank } from '@hotline/dispatch-domain';
import type { Page } from '@hotline/platform';
import type { QueueClockLevel } from '@hotline/vocabulary';
import { DispatchEntity, DispatchQueueEntity } from './dispatch.entities';

// Row-level security scopes every query here to the transaction's tenant.

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

export async function insertDispatch(manager: EntityManager, dispatch: DispatchEntity): Promise<void> {
  await manager.getRepository(DispatchEntity).insert(dispatch);
}

/** A re-dispatch (改派) replaces the request's one dispatch row: the history is in the returns and events. */
export async function replaceDispatch(manager: EntityManager, dispatch: DispatchEntity): Promise<void> {
  await manager.getRepository(DispatchEntity).save(dispatch);
}

/** Puts a request whose return was accepted back in the queue (a catalog-placed one gets its first row). */
export async function requeue(manager: EntityManager, item: DispatchQueueEntity): Promise<void> {
  await manager.getRepository(DispatchQueueEntity).upsert(item, ['tenantId', 'requestId']);
}

export function findDispatch(manager: EntityManager, requestId: string): Promise<DispatchEntity | null> {
  return manager.getRepository(DispatchEntity).findOne({ where: { requestId } });
}

export async function insertQueueItem(manager: EntityManager, item: DispatchQueueEntity): Promise<void> {
  await manager.getRepository(DispatchQueueEntity).insert(item);
}

export function findWaiting(manager: EntityManager, requestId: string): Promise<DispatchQueueEntity | null> {
  return manager.getRepository(DispatchQueueEntity).findOne({ where: { requestId, resolvedAt: IsNull() } });
}

export async function resolveQueueItem(manager: EntityManager, requestId: string, resolvedAt: Date): Promise<void> {
  await manager.getRepository(DispatchQueueEntity).update({ requestId }, { resolvedAt });
}

/** Records that a waiting entry raised its warning or its breach. */
export async function markQueueClock(manager: EntityManager, requestId: string, level: Exclude<QueueClockLevel, 'on-time'>, at: Date): Promise<void> {
  await manager.getRepository(DispatchQueueEntity).update({ requestId }, level === 'warning' ? { warnedAt: at } : { breachedAt: at });
}

export type QueueItemRow = Pick<DispatchQueueEntity, 'requestId' | 'brief' | 'reason' | 'queuedAt' | 'dueAt' | 'warnedAt' | 'breachedAt'>;

/** A page of waiting items in queue order (most urgent first, then oldest), and how many wait. */
export async function waitingPage(manager: EntityManager, page: Page) {
  const rows: Array<QueueItemRow> = await manager.query(
    `select request_id as "requestId", brief, reason, queued_at as "queuedAt", due_at as "dueAt", warned_at as "warnedAt",
            breached_at as "breachedAt"
       from dispatch_queue where resolved_at is null
      order by coalesce(array_position($1::text[], brief->>'urgency'), $2), queued_at, request_id
      limit $3 offset $4`,
    [QUEUE_URGENCY_ORDER, queueUrgencyRank(''), page.limit, page.offset],
  );
  const [{ total }] = await manager.query(`select count(*)::int as total from dispatch_queue where resolved_at is null`);
  return { rows, total: total as number };
}

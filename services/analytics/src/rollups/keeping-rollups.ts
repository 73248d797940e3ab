import type { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import type { EventHandlerDefinition } from '@hotline/platform';
import type { RequestStatus } from '@hotline/vocabulary';
import { holdTenantDays } from '../tenant-settings/tenant-time-zones';
import { appendDelta, contributionOf, refreshOpenFacts, RollupSubject } from './rollups.repository';

interface LifecyclePayload {
  requestId?: string;
  request?: { requestId?: string };
  workOrderId?: string;
}

/** Serialises rollup updates of one request (or order) across consumers and replicas until the transaction ends. */
async function lock(m: EntityManager, tenantId: string, keys: readonly string[]): Promise<void> {
  for (const key of [...keys].sort()) await m.query(`select pg_advisory_xact_lock(hashtextextended($1, 17))`, [`rollup|${tenantId}|${key}`]);
}

/**
 * The subjects whose contribution an event may change: the request it names, the request its
 * order named before (an order's request is taken from the event when it names one), and the
 * order itself while it names no request. Locked before they are read.
 */
async function subjectsOf(m: EntityManager, tenantId: string, payload: LifecyclePayload): Promise<RollupSubject[]> {
  const named = payload.requestId || payload.request?.requestId || null;
  const orderId = payload.workOrderId || null;
  await lock(m, tenantId, [...(named ? [`request|${named}`] : []), ...(orderId ? [`order|${orderId}`] : [])]);
  let before: string | null = null;
  if (orderId) {
    const [row]: Array<{ request_id: string | null }> = await m.query(`select request_id from work_order_facts where work_order_id = $1`, [orderId]);
    before = row?.request_id ?? null;
  }
  if (before && before !== named) await lock(m, tenantId, [`request|${before}`]);
  const requests = [...new Set([named, before].filter((id): id is string => !!id))];
  if (requests.length === 0) return orderId ? [{ requestId: null, orphanOrderId: orderId }] : [];
  // The order counts as an orphan until it names a request: the first subject covers it either way.
  return requests.map((requestId, i) => ({ requestId, orphanOrderId: i === 0 ? orderId : null }));
}

const STATUS_CHANGED = Events.intake.requestStatusChanged.type;
const TERMINATED: RequestStatus = 'terminated';

/**
 * Whether the event may change what its subjects contribute. A status change does not (the
 * rollups count no status) unless it terminates the request, or its request has no row yet
 * (the change creates it): most of intake's events are status changes.
 */
async function mayChangeRollups(m: EntityManager, type: string, payload: LifecyclePayload & { toStatus?: string }): Promise<boolean> {
  if (type !== STATUS_CHANGED || payload.toStatus === TERMINATED || !payload.requestId) return true;
  const known: unknown[] = await m.query(`select 1 from request_facts where request_id = $1`, [payload.requestId]);
  return known.length === 0;
}

/**
 * A lifecycle handler that keeps the rollups in the event's transaction: the contributions of
 * the event's subjects are read before the handler changes their facts, what changed is
 * appended as a delta after it, and their open orders and open request are written anew. Redelivery changes nothing: the inbox applies an event once, and
 * a handler that changes no fact leaves no delta.
 */
export function keepingRollups<T>(handler: EventHandlerDefinition<T>): EventHandlerDefinition<T> {
  return {
    ...handler,
    async handle(event, manager, ctx) {
      if (!(await mayChangeRollups(manager, event.type, event.payload as LifecyclePayload))) return handler.handle(event, manager, ctx);
      // Rollups are keyed by local day: a change of the tenant's time zone (which rebuilds them) waits, or is waited for.
      await holdTenantDays(manager, event.tenantId);
      const subjects = await subjectsOf(manager, event.tenantId, event.payload as LifecyclePayload);
      const before = [];
      for (const s of subjects) before.push(await contributionOf(manager, s));
      await handler.handle(event, manager, ctx);
      for (const [i, s] of subjects.entries()) {
        await appendDelta(manager, s, before[i] ?? []);
        await refreshOpenFacts(manager, s);
      }
    },
  };
}

/** Every handler of the list keeping the rollups. */
export function keepingRollupsOf(handlers: readonly EventHandlerDefinition[]): EventHandlerDefinition[] {
  return handlers.map((h) => keepingRollups(h));
}

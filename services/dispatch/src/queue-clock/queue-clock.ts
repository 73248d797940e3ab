import { EntityManager } from 'typeorm';
import { queueClock } from '@hotline/dispatch-domain';
import { Timers } from '@hotline/platform';
import type { QueueClockLevel } from '@hotline/vocabulary';
import type { DispatchQueueEntity } from '../dispatching/dispatch.entities';
import { loadQueuePolicy } from './queue-policy.query';

/** Timer kind per level the clock raises; the key is the request id (one waiting entry per request). */
export const QUEUE_CLOCK_TIMER_KINDS: Record<Exclude<QueueClockLevel, 'on-time'>, string> = {
  warning: 'dispatch-queue-warning',
  breached: 'dispatch-queue-breach',
};

/** What the timers carry: the entry they were set for, so a later entry of the request is not raised by them. */
export interface QueueClockTimerPayload {
  queuedAt: string;
  limitMinutes: number;
}

type UnclockedEntry = Omit<DispatchQueueEntity, 'dueAt' | 'warnedAt' | 'breachedAt'>;

/**
 * Starts a waiting entry's clock, in the transaction that queues it: its due from the tenant's
 * limit for its urgency, and durable timers for its warning and its breach (scheduling again,
 * for a request queued again after an accepted return, moves them).
 */
export async function startQueueClock(manager: EntityManager, entry: UnclockedEntry): Promise<DispatchQueueEntity> {
  const clock = queueClock(entry.queuedAt, entry.brief.urgency, await loadQueuePolicy(manager));
  const payload = { queuedAt: entry.queuedAt.toISOString(), limitMinutes: clock.limitMinutes } satisfies QueueClockTimerPayload;
  const at = { warning: clock.warnAt, breached: clock.dueAt };
  for (const level of ['warning', 'breached'] as const)
    await Timers.schedule(manager, { tenantId: entry.tenantId, kind: QUEUE_CLOCK_TIMER_KINDS[level], key: entry.requestId, dueAt: at[level], payload });
  return { ...entry, dueAt: clock.dueAt, warnedAt: null, breachedAt: null };
}

/** Stops the clock of a request leaving the queue (dispatched): its pending timers are cancelled. */
export async function stopQueueClock(manager: EntityManager, requestId: string): Promise<void> {
  for (const kind of Object.values(QUEUE_CLOCK_TIMER_KINDS)) await Timers.cancel(manager, kind, requestId);
}

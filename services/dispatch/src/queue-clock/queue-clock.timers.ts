import { Events } from '@hotline/contracts';
import { onTimer, TimerDefinition } from '@hotline/platform';
import type { QueueClockLevel } from '@hotline/vocabulary';
import { findWaiting, lockRequest, markQueueClock } from '../dispatching/dispatching.repository';
import { QUEUE_CLOCK_TIMER_KINDS, QueueClockTimerPayload } from './queue-clock';

/**
 * The request still waits at its threshold: mark the entry and emit DispatchQueueClockWarning,
 * once per level. Nothing when it was dispatched meanwhile, when the timer was set for an
 * earlier entry of the request, or when the level (or, for the warning, the breach) was raised.
 */
function queueClockTimer(level: Exclude<QueueClockLevel, 'on-time'>): TimerDefinition {
  return onTimer(QUEUE_CLOCK_TIMER_KINDS[level], async (timer, manager, ctx) => {
    await lockRequest(manager, timer.key);
    const entry = await findWaiting(manager, timer.key);
    const payload = timer.payload as Partial<QueueClockTimerPayload>;
    if (!entry?.dueAt || entry.queuedAt.toISOString() !== payload.queuedAt) return;
    if (entry.breachedAt || (level === 'warning' && entry.warnedAt)) return;
    const raisedAt = new Date();
    await markQueueClock(manager, entry.requestId, level, raisedAt);
    await ctx.outbox.append(manager, {
      event: Events.dispatch.queueClockWarning,
      tenantId: timer.tenantId,
      aggregateType: 'request',
      aggregateId: entry.requestId,
      payload: {
        requestId: entry.requestId,
        level,
        urgency: entry.brief.urgency,
        limitMinutes: Number(payload.limitMinutes) || 0,
        queuedAt: entry.queuedAt.toISOString(),
        dueAt: entry.dueAt.toISOString(),
        raisedAt: raisedAt.toISOString(),
      },
    });
  });
}

export const queueClockTimers: TimerDefinition[] = [queueClockTimer('warning'), queueClockTimer('breached')];

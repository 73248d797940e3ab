import { onTimer, TimerDefinition } from '@hotline/platform';
import { ONLINE_QUEUE_DUE_TIMER, ONLINE_QUEUE_WARNING_TIMER } from '@hotline/vocabulary';
import { markClock } from './online-queue.repository';

/**
 * The online queue's clock (ADR 0034): the warning before the limit and the limit itself are
 * recorded on the item when they pass while it waits (a decision first cancels them), so the
 * queue, the supervisors' view and the response figures all read the same durable marks.
 */
const onWarning = onTimer(ONLINE_QUEUE_WARNING_TIMER, async (timer, manager, ctx) => {
  const requestId = String(timer.payload.requestId);
  if (await markClock(manager, requestId, 'warned', new Date()))
    ctx.logger.warn({ tenant: timer.tenantId, requestId, dueAt: timer.dueAt }, 'online submission near its response limit');
});

const onDue = onTimer(ONLINE_QUEUE_DUE_TIMER, async (timer, manager, ctx) => {
  const requestId = String(timer.payload.requestId);
  if (await markClock(manager, requestId, 'overdue', new Date()))
    ctx.logger.warn({ tenant: timer.tenantId, requestId }, 'online submission past its response limit');
});

export const onlineQueueTimers: readonly TimerDefinition[] = [onWarning, onDue];

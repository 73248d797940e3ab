import { onTimer, TimerDefinition } from '@hotline/platform';
import { findWorkOrder } from '../work-orders/work-orders.repository';
import { endRunningPause } from './end-pause';

export const PAUSE_LIMIT_TIMER = 'pause-limit';

/**
 * The tenant's longest pause reached: the clock runs again by itself, as from the timer's due (a
 * timer that fired late after an outage gives the unit no extra time). A pause ended already
 * (resumed by a person, the order answered) has nothing to end.
 */
export const pauseLimitTimer: TimerDefinition = onTimer(PAUSE_LIMIT_TIMER, async (timer, manager, ctx) => {
  const workOrderId = (timer.payload as { workOrderId?: string }).workOrderId;
  const order = workOrderId ? await findWorkOrder(manager, workOrderId, true) : null;
  if (!order?.pausedAt) return;
  await endRunningPause(manager, ctx.outbox, order, { kind: 'limit-reached', by: 'system:handling', at: timer.dueAt });
});

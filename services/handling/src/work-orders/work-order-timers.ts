import { EntityManager } from 'typeorm';
import { clocksToWatch, dueOf } from '@hotline/handling-domain';
import { Timers } from '@hotline/platform';
import { Clock, CLOCKS } from '@hotline/vocabulary';
import { syncUrgeTimers } from '../urging/urging-timers';
import { syncWarningTimers } from '../warnings/warning-timers';
import { WorkOrderEntity } from './work-order.entity';

/** Timer kind per clock; `sign-overdue` and `handle-overdue` have pending rows in deployed databases. */
export const OVERDUE_TIMER_KINDS: Record<Clock, string> = {
  'sign-for': 'sign-overdue',
  handling: 'handle-overdue',
  rework: 'rework-overdue',
};

/**
 * Makes the order's overdue timers match its clocks: one pending at each due that may still be
 * breached, none for a clock that stopped or was flagged already, and the warning and urging
 * timers with them. Runs after every change.
 */
export async function syncOverdueTimers(manager: EntityManager, order: WorkOrderEntity): Promise<void> {
  const watched = new Set(clocksToWatch(order));
  for (const clock of CLOCKS) {
    const kind = OVERDUE_TIMER_KINDS[clock];
    const dueAt = dueOf(order, clock);
    if (watched.has(clock) && dueAt)
      await Timers.schedule(manager, { tenantId: order.tenantId, kind, key: order.id, dueAt, payload: { workOrderId: order.id } });
    else await Timers.cancel(manager, kind, order.id);
  }
  await syncWarningTimers(manager, order);
  await syncUrgeTimers(manager, order);
}

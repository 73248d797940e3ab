import { EntityManager } from 'typeorm';
import { clocksToWatch, dueOf } from '@hotline/handling-domain';
import type { WarningPolicy } from '@hotline/handling-domain';
import { mergeTimerPlans, TimerPlan, Timers } from '@hotline/platform';
import { Clock, CLOCKS } from '@hotline/vocabulary';
import { urgeTimerPlan } from '../urging/urging-timers';
import { warningTimerPlan } from '../warnings/warning-timers';
import { loadWarningPolicy } from '../warnings/warnings.repository';
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
 * timers with them. Runs after every change, in at most two statements. An order created in
 * this transaction (`fresh`) has no timer to cancel yet; `policy` spares a reload when the caller
 * has the warning policy already.
 */
export async function syncOverdueTimers(manager: EntityManager, order: WorkOrderEntity, options: { fresh?: boolean; policy?: WarningPolicy } = {}): Promise<void> {
  const watched = new Set(clocksToWatch(order));
  const overdue: TimerPlan = { schedule: [], cancel: [] };
  for (const clock of CLOCKS) {
    const kind = OVERDUE_TIMER_KINDS[clock];
    const dueAt = dueOf(order, clock);
    if (watched.has(clock) && dueAt) overdue.schedule.push({ tenantId: order.tenantId, kind, key: order.id, dueAt, payload: { workOrderId: order.id } });
    else overdue.cancel.push({ kind, key: order.id });
  }
  const plan = mergeTimerPlans(overdue, warningTimerPlan(order, options.policy ?? (await loadWarningPolicy(manager))), urgeTimerPlan(order));
  await Timers.apply(manager, options.fresh ? { schedule: plan.schedule, cancel: [] } : plan);
}

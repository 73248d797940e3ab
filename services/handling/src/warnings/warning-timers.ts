import { EntityManager } from 'typeorm';
import { handlingDueOf, handlingStartOf, isClockRunning, isHigherWarning, warningAt, WarningPolicy, warningThresholds } from '@hotline/handling-domain';
import { TimerPlan, Timers } from '@hotline/platform';
import type { WarningLevel } from '@hotline/vocabulary';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { loadWarningPolicy } from './warnings.repository';

/** Timer kind per level raised. */
export const WARNING_TIMER_KINDS: Record<Exclude<WarningLevel, 'green'>, string> = { yellow: 'handle-warning-yellow', red: 'handle-warning-red' };

/**
 * Makes the order's warning timers match its handling clock: one pending at each threshold it
 * has not reached yet while the clock runs unbreached, none otherwise. Runs after every change
 * (with the overdue timers), so an extension moves them with the due.
 */
export async function syncWarningTimers(manager: EntityManager, order: WorkOrderEntity, policy?: WarningPolicy): Promise<void> {
  await Timers.apply(manager, warningTimerPlan(order, policy ?? (await loadWarningPolicy(manager))));
}

/** The warning timers the order should have, as a plan `syncOverdueTimers` applies with the others. */
export function warningTimerPlan(order: WorkOrderEntity, policy: WarningPolicy): TimerPlan {
  const running = isClockRunning(order, 'handling') && !order.handleOverdue;
  const plan: TimerPlan = { schedule: [], cancel: [] };
  for (const { level, percent } of warningThresholds(policy)) {
    const kind = WARNING_TIMER_KINDS[level];
    if (running && isHigherWarning(level, order.warningLevel)) {
      const dueAt = warningAt(handlingStartOf(order), handlingDueOf(order), percent);
      plan.schedule.push({ tenantId: order.tenantId, kind, key: order.id, dueAt, payload: { workOrderId: order.id, percent } });
    } else plan.cancel.push({ kind, key: order.id });
  }
  return plan;
}

import { EntityManager } from 'typeorm';
import { handlingDueOf, handlingStartOf, isClockRunning, isHigherWarning, warningAt, WarningPolicy, warningThresholds } from '@hotline/handling-domain';
import { Timers } from '@hotline/platform';
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
  const running = isClockRunning(order, 'handling') && !order.handleOverdue;
  const thresholds = warningThresholds(policy ?? (await loadWarningPolicy(manager)));
  for (const { level, percent } of thresholds) {
    const kind = WARNING_TIMER_KINDS[level];
    if (running && isHigherWarning(level, order.warningLevel)) {
      const dueAt = warningAt(handlingStartOf(order), handlingDueOf(order), percent);
      await Timers.schedule(manager, { tenantId: order.tenantId, kind, key: order.id, dueAt, payload: { workOrderId: order.id, percent } });
    } else await Timers.cancel(manager, kind, order.id);
  }
}

import { Events } from '@hotline/contracts';
import { handlingDueOf, handlingStartOf, isClockRunning, isHigherWarning, warningLevelAt } from '@hotline/handling-domain';
import { onTimer, TimerDefinition } from '@hotline/platform';
import type { WarningLevel } from '@hotline/vocabulary';
import { appendWorkOrderEvent } from '../work-orders/work-order-events';
import { findWorkOrder, updateWorkOrder } from '../work-orders/work-orders.repository';
import { WARNING_TIMER_KINDS } from './warning-timers';
import { loadWarningPolicy } from './warnings.repository';

/** A threshold was crossed: raise the order's level and emit WorkOrderWarningRaised, unless it was answered, breached or raised already. */
function warningTimer(level: Exclude<WarningLevel, 'green'>): TimerDefinition {
  return onTimer(WARNING_TIMER_KINDS[level], async (timer, manager, ctx) => {
    const order = await findWorkOrder(manager, timer.key, true);
    if (!order || !isClockRunning(order, 'handling') || order.handleOverdue || !isHigherWarning(level, order.warningLevel)) return;
    // The due may have moved since the timer was claimed (an extension): raise only what the clock stands at now.
    const now = warningLevelAt(handlingStartOf(order), handlingDueOf(order), new Date(), await loadWarningPolicy(manager));
    if (isHigherWarning(level, now)) return;
    await updateWorkOrder(manager, order.id, { warningLevel: level });
    const percent = Number((timer.payload as { percent?: unknown }).percent) || 0;
    await appendWorkOrderEvent(manager, ctx.outbox, Events.handling.workOrderWarningRaised, order, {
      workOrderId: order.id,
      requestId: order.requestId,
      unitId: order.unitId,
      clock: 'handling',
      level,
      thresholdPercent: percent,
      dueAt: handlingDueOf(order).toISOString(),
      warnAt: timer.dueAt.toISOString(),
      raisedAt: new Date().toISOString(),
    });
  });
}

export const warningTimers: TimerDefinition[] = [warningTimer('yellow'), warningTimer('red')];

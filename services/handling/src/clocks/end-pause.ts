import { EntityManager } from 'typeorm';
import { dueAfterPause, handlingDueOf, handlingStartOf, warningLevelAt } from '@hotline/handling-domain';
import { Outbox, Timers } from '@hotline/platform';
import type { PauseEndKind } from '@hotline/vocabulary';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { loadWarningPolicy } from '../warnings/warnings.repository';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { syncOverdueTimers } from '../work-orders/work-order-timers';
import { updateWorkOrder } from '../work-orders/work-orders.repository';
import { lockRunningPause, updatePause } from './clocks.repository';
import { announcePause } from './pause-events';
import { PAUSE_LIMIT_TIMER } from './pause-limit.timer';

/** The legacy orders without a recorded rule get back the exact time stood still. */
const EXACT = { unit: 'calendar-minutes', amount: 1 } as const;

/**
 * Ends the locked order's running pause at `at`, if it has one: the clock runs again, its due
 * moved by the working days it stood still (the minutes, for an hours or minutes clock), its
 * timers rescheduled and its light recomputed against the new due; WorkOrderPauseChanged
 * (ended) says so. Returns the order as it is after (unchanged without a running pause).
 */
export async function endRunningPause(
  manager: EntityManager,
  outbox: Outbox,
  order: WorkOrderEntity,
  end: { kind: PauseEndKind; by: string; at: Date },
): Promise<WorkOrderEntity> {
  if (!order.pausedAt) return order;
  const pause = await lockRunningPause(manager, order.id);
  const calendar = await tenantWorkingCalendar(manager, order.tenantId);
  const dueBefore = handlingDueOf(order);
  const dueAfter = dueAfterPause(calendar, order.timeLimit?.handling ?? EXACT, dueBefore, order.pausedAt, end.at);
  const warningLevel = warningLevelAt(handlingStartOf(order), dueAfter, end.at, await loadWarningPolicy(manager));
  const changes = { pausedAt: null, extendedDueAt: dueAfter.getTime() === order.handleDueAt.getTime() ? order.extendedDueAt : dueAfter, warningLevel };
  const resumed: WorkOrderEntity = { ...order, ...changes };
  await updateWorkOrder(manager, order.id, changes);
  if (end.kind !== 'order-moved-on') await syncOverdueTimers(manager, resumed);
  if (pause) {
    const ended = { ...pause, status: 'ended' as const, endedAt: end.at, endedBy: end.by, endKind: end.kind, dueAfter };
    await updatePause(manager, pause.id, ended);
    await Timers.cancel(manager, PAUSE_LIMIT_TIMER, pause.id);
    await announcePause(manager, outbox, resumed, ended, 'ended', end.at, end.by);
  }
  return resumed;
}

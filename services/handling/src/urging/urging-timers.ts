import { EntityManager } from 'typeorm';
import { handlingDueOf, isClockRunning, urgeCircularAt, urgeNoticeAt } from '@hotline/handling-domain';
import { Timers } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { loadUrgingPolicy } from './urging.repository';

/** Timer kind per step of the ladder a timer takes. */
export const URGE_TIMER_KINDS = { notice: 'urge-notice', circular: 'urge-circular' } as const;

/**
 * Whether the ladder applies to the order now: its handling clock was breached and still runs
 * (unanswered, not cancelled). An order reopened for rework runs on its rework clock, which the
 * ladder does not follow.
 */
export function onUrgingLadder(order: WorkOrderEntity): boolean {
  return order.handleOverdue && isClockRunning(order, 'handling') && order.reworkDueAt === null;
}

/** At the breach of the handling clock: the urging notice's timer, at the day the tenant's ladder gives. */
export async function scheduleUrgeNotice(manager: EntityManager, order: WorkOrderEntity): Promise<void> {
  const [calendar, policy] = [await tenantWorkingCalendar(manager, order.tenantId), await loadUrgingPolicy(manager)];
  const dueAt = urgeNoticeAt(calendar, handlingDueOf(order), policy);
  await Timers.schedule(manager, { tenantId: order.tenantId, kind: URGE_TIMER_KINDS.notice, key: order.id, dueAt, payload: { workOrderId: order.id } });
}

/**
 * After the notice: the circular's timer, counted from the notice's planned day (a notice sent
 * late, after an outage, does not give the unit more time).
 */
export async function scheduleUrgeCircular(manager: EntityManager, order: WorkOrderEntity, noticeAt: Date): Promise<void> {
  const [calendar, policy] = [await tenantWorkingCalendar(manager, order.tenantId), await loadUrgingPolicy(manager)];
  const dueAt = urgeCircularAt(calendar, noticeAt, policy);
  await Timers.schedule(manager, { tenantId: order.tenantId, kind: URGE_TIMER_KINDS.circular, key: order.id, dueAt, payload: { workOrderId: order.id } });
}

/** An order off the ladder (answered, cancelled, reopened) has none of its timers pending. Runs after every change. */
export async function syncUrgeTimers(manager: EntityManager, order: WorkOrderEntity): Promise<void> {
  // Only a breached order ever had ladder timers: the others cost nothing here.
  if (!order.handleOverdue || onUrgingLadder(order)) return;
  for (const kind of Object.values(URGE_TIMER_KINDS)) await Timers.cancel(manager, kind, order.id);
}

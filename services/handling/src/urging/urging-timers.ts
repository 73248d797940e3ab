import { EntityManager } from 'typeorm';
import { handlingDueOf, isClockRunning, isRepeatUrgeCircularDue, repeatUrgeCircularAt, urgeCircularAt, urgeNoticeAt } from '@hotline/handling-domain';
import { TimerPlan, Timers } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { loadUrgingPolicy, urgeCount } from './urging.repository';

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
  // Urged often enough before the due, it is circulated the working day after its due date.
  await scheduleRepeatUrgeCircular(manager, order, new Date(0));
}

/**
 * 催办两次仍未办理: once an order on the ladder has had the tenant's number of urges, its circular
 * comes at the end of the working day after the last urge (`lastUrgedAt`) or after the due date,
 * unless the ladder's own circular comes sooner. Only for an order on the ladder (breached and
 * unanswered): an order urged within its limit waits for its breach, which calls this again.
 */
export async function scheduleRepeatUrgeCircular(manager: EntityManager, order: WorkOrderEntity, lastUrgedAt: Date): Promise<void> {
  if (!onUrgingLadder(order)) return;
  const policy = await loadUrgingPolicy(manager);
  if (!isRepeatUrgeCircularDue(await urgeCount(manager, order.id), policy)) return;
  const dueAt = repeatUrgeCircularAt(await tenantWorkingCalendar(manager, order.tenantId), lastUrgedAt, handlingDueOf(order));
  await Timers.scheduleNoLaterThan(manager, { tenantId: order.tenantId, kind: URGE_TIMER_KINDS.circular, key: order.id, dueAt, payload: { workOrderId: order.id } });
}

/**
 * After the notice: the circular's timer, counted from the notice's planned day (a notice sent
 * late, after an outage, does not give the unit more time).
 */
export async function scheduleUrgeCircular(manager: EntityManager, order: WorkOrderEntity, noticeAt: Date): Promise<void> {
  const [calendar, policy] = [await tenantWorkingCalendar(manager, order.tenantId), await loadUrgingPolicy(manager)];
  const dueAt = urgeCircularAt(calendar, noticeAt, policy);
  // A circular the urges' count called for sooner stands.
  await Timers.scheduleNoLaterThan(manager, { tenantId: order.tenantId, kind: URGE_TIMER_KINDS.circular, key: order.id, dueAt, payload: { workOrderId: order.id } });
}

/** An order off the ladder (answered, cancelled, reopened) has none of its timers pending. Runs after every change. */
export async function syncUrgeTimers(manager: EntityManager, order: WorkOrderEntity): Promise<void> {
  await Timers.apply(manager, urgeTimerPlan(order));
}

/** The urging timers to cancel, as a plan `syncOverdueTimers` applies with the others (the ladder schedules its own). */
export function urgeTimerPlan(order: WorkOrderEntity): TimerPlan {
  // Only a breached order ever had ladder timers: the others cost nothing here.
  if (!order.handleOverdue || onUrgingLadder(order)) return { schedule: [], cancel: [] };
  return { schedule: [], cancel: Object.values(URGE_TIMER_KINDS).map((kind) => ({ kind, key: order.id })) };
}

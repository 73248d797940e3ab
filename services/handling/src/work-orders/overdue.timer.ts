import { Events } from '@hotline/contracts';
import { dueOf, isOverdueNews } from '@hotline/handling-domain';
import { onTimer, TimerDefinition } from '@hotline/platform';
import { Clock } from '@hotline/vocabulary';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, overdueEvent } from './work-order-events';
import { notifyOverdue } from '../notifications/notify-units';
import { scheduleUrgeNotice } from '../urging/urging-timers';
import { OVERDUE_TIMER_KINDS } from './work-order-timers';
import { findWorkOrder, updateWorkOrder } from './work-orders.repository';

const FLAG: Record<Clock, 'signOverdue' | 'handleOverdue' | 'reworkOverdue'> = {
  'sign-for': 'signOverdue',
  handling: 'handleOverdue',
  rework: 'reworkOverdue',
};

/** A clock ran out: flag the order and emit WorkOrderOverdue, unless the unit acted or it was flagged already. */
function overdueTimer(clock: Clock): TimerDefinition {
  return onTimer(OVERDUE_TIMER_KINDS[clock], async (timer, manager, ctx) => {
    const order = await findWorkOrder(manager, timer.key, true);
    const dueAt = order && dueOf(order, clock);
    if (!order || !dueAt || !isOverdueNews(order, clock)) return;
    const flagged: WorkOrderEntity = { ...order, [FLAG[clock]]: true };
    await updateWorkOrder(manager, order.id, { [FLAG[clock]]: true });
    await appendWorkOrderEvent(manager, ctx.outbox, Events.handling.workOrderOverdue, flagged, overdueEvent(flagged, clock, dueAt, new Date()));
    await notifyOverdue(manager, flagged, clock, dueAt);
    // A breach of the handling clock puts the order on the urging ladder (催办通知书, then 通报).
    if (clock === 'handling' && flagged.reworkDueAt === null) await scheduleUrgeNotice(manager, flagged);
  });
}

export const overdueTimers: TimerDefinition[] = [overdueTimer('sign-for'), overdueTimer('handling'), overdueTimer('rework')];

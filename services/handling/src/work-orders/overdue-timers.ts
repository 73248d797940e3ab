import { Events } from '@hotline/contracts';
import { isClockRunning, OverdueClock } from '@hotline/handling-domain';
import { Outbox, TimerHandler } from '@hotline/platform';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, TimerKinds } from './work-orders';

/** A clock ran out: flag the order and emit WorkOrderOverdue, unless the unit already acted. */
function overdueHandler(outbox: Outbox, clock: OverdueClock): TimerHandler {
  return async (timer, manager) => {
    const repo = manager.getRepository(WorkOrderEntity);
    const order = await repo.findOne({ where: { id: timer.key }, lock: { mode: 'pessimistic_write' } });
    if (!order || !isClockRunning(order.status, clock)) return;
    const dueAt = clock === 'sign-for' ? order.signDueAt : order.handleDueAt;
    await repo.update({ id: order.id }, clock === 'sign-for' ? { signOverdue: true } : { handleOverdue: true });
    await appendWorkOrderEvent(manager, outbox, timer.tenantId, Events.handling.workOrderOverdue, order, {
      clock,
      dueAt: dueAt.toISOString(),
      flaggedAt: new Date().toISOString(),
    });
  };
}

export function overdueTimers(outbox: Outbox): Record<string, TimerHandler> {
  return {
    [TimerKinds.signOverdue]: overdueHandler(outbox, 'sign-for'),
    [TimerKinds.handleOverdue]: overdueHandler(outbox, 'handling'),
  };
}

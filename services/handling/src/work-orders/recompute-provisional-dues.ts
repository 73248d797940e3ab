import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { recomputedDues } from '@hotline/handling-domain';
import { Outbox } from '@hotline/platform';
import { clearCoverageGap, tenantWorkingCalendar } from '../calendar/calendar.repository';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, duesRecomputedEvent } from './work-order-events';
import { syncOverdueTimers } from './work-order-timers';
import { limitOf, openProvisionalOrders, updateWorkOrder } from './work-orders.repository';

/**
 * After `year` became known to the tenant (inside its transaction): the open orders whose dues
 * were computed without it get them recomputed on the calendar that now has it, their timers
 * moved, their marks cleared (or narrowed to the years still missing) and WorkOrderDuesRecomputed
 * recorded for each. Returns how many.
 */
export async function recomputeProvisionalDues(manager: EntityManager, outbox: Outbox, tenantId: string, year: number): Promise<number> {
  const calendar = await tenantWorkingCalendar(manager, tenantId);
  const recomputedAt = new Date();
  const orders = await openProvisionalOrders(manager, year);
  for (const order of orders) {
    const dues = recomputedDues(order, await limitOf(manager, order), calendar);
    const changes = {
      signDueAt: dues.signDueAt,
      handleDueAt: dues.handleDueAt,
      reworkDueAt: dues.reworkDueAt,
      provisionalYears: dues.provisionalYears,
      dueProvisional: dues.provisionalYears.length > 0,
    };
    const recomputed = { ...order, ...changes } satisfies WorkOrderEntity;
    await updateWorkOrder(manager, order.id, changes);
    await syncOverdueTimers(manager, recomputed);
    await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderDuesRecomputed, recomputed, duesRecomputedEvent(recomputed, year, recomputedAt));
  }
  await clearCoverageGap(manager, tenantId, year);
  return orders.length;
}

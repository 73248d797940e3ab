import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { computeDueOn, handlingStartAtSign, isOnTime } from '@hotline/handling-domain';
import { Identity, Outbox } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { lockOwnWorkOrder } from './own-work-order';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, signedEvent } from './work-order-events';
import { syncOverdueTimers } from './work-order-timers';
import { updateWorkOrder } from './work-orders.repository';

/**
 * 签收 by a staff member of the assigned unit: stops the sign-for clock and records whether it
 * was on time. Where the tenant counts the handling clock from the sign-for, it starts here (no
 * later than the sign-for due: a late sign gains no time) and its due is computed from it.
 */
export async function signWorkOrder(manager: EntityManager, outbox: Outbox, who: Identity, id: string): Promise<WorkOrderEntity> {
  const { order, status } = await lockOwnWorkOrder(manager, who, id, 'sign');
  const signedAt = new Date();
  const changes: Partial<WorkOrderEntity> = { status, signedAt, signedBy: who.subject, ...(await handlingClockFromSign(manager, order, signedAt)) };
  const signed: WorkOrderEntity = { ...order, ...changes };
  await updateWorkOrder(manager, order.id, changes);
  await syncOverdueTimers(manager, signed);
  const onTime = isOnTime(signedAt, order.signDueAt);
  await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderSigned, signed, signedEvent(signed, onTime));
  return signed;
}

/** The handling clock's start and due where it counts from the sign-for; nothing where it counts from the dispatch. */
async function handlingClockFromSign(manager: EntityManager, order: WorkOrderEntity, signedAt: Date): Promise<Partial<WorkOrderEntity>> {
  if (order.handlingClockStart !== 'sign-for' || !order.timeLimit) return {};
  const handleStartedAt = handlingStartAtSign(signedAt, order.signDueAt);
  const calendar = await tenantWorkingCalendar(manager, order.tenantId);
  const { dueAt, missingYears } = computeDueOn(calendar, handleStartedAt, order.timeLimit.handling);
  return { handleStartedAt, handleDueAt: dueAt, dueProvisional: missingYears.length > 0, provisionalYears: missingYears };
}

import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { isOnTime } from '@hotline/handling-domain';
import { Identity, Outbox } from '@hotline/platform';
import { lockOwnWorkOrder } from './own-work-order';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, signedEvent } from './work-order-events';
import { syncOverdueTimers } from './work-order-timers';
import { updateWorkOrder } from './work-orders.repository';

/** 签收 by a staff member of the assigned unit: stops the sign-for clock and records whether it was on time. */
export async function signWorkOrder(manager: EntityManager, outbox: Outbox, who: Identity, id: string): Promise<WorkOrderEntity> {
  const { order, status } = await lockOwnWorkOrder(manager, who, id, 'sign');
  const changes = { status, signedAt: new Date(), signedBy: who.subject };
  const signed: WorkOrderEntity = { ...order, ...changes };
  await updateWorkOrder(manager, order.id, changes);
  await syncOverdueTimers(manager, signed);
  const onTime = isOnTime(changes.signedAt, order.signDueAt);
  await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderSigned, signed, signedEvent(signed, onTime));
  return signed;
}

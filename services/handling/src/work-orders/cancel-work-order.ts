import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { nextStatus } from '@hotline/handling-domain';
import type { Outbox } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import type { WorkOrderCancelReason } from '@hotline/vocabulary';
import { endRunningPause } from '../clocks/end-pause';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, cancelledEvent } from './work-order-events';
import { syncOverdueTimers } from './work-order-timers';
import { updateWorkOrder } from './work-orders.repository';

/**
 * Cancels an open order with its reason: its timers go with it (no overdue flag can count
 * against the unit any more) and WorkOrderCancelled is published. An order that can no longer
 * be cancelled (answered and reviewed, cancelled already) is left as it is. `by` names the person
 * who cancelled it and why (a release); without it the system did.
 */
export async function cancelWorkOrder(
  manager: EntityManager,
  outbox: Outbox,
  order: WorkOrderEntity,
  reason: WorkOrderCancelReason,
  cancelledAt: Date,
  by?: { subject: string; note: string },
): Promise<WorkOrderEntity | undefined> {
  const status = nextStatus(order.status, 'cancel');
  if (!status) return undefined;
  order = await endRunningPause(manager, outbox, order, { kind: 'order-moved-on', by: by?.subject ?? 'system:handling', at: cancelledAt });
  const changes = { status, cancelledAt, cancelReason: reason, cancelledBy: by?.subject ?? null, cancelNote: by ? maskPersonalData(by.note) : null };
  const cancelled: WorkOrderEntity = { ...order, ...changes };
  await updateWorkOrder(manager, order.id, changes);
  await syncOverdueTimers(manager, cancelled);
  await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderCancelled, cancelled, cancelledEvent(cancelled, order.status));
  return cancelled;
}

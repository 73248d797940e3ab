import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { handlingDueOf } from '@hotline/handling-domain';
import { Outbox, uuidv7 } from '@hotline/platform';
import type { UrgeLevel, UrgeMethod } from '@hotline/vocabulary';
import { notifyUrge } from '../notifications/notify-units';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { appendWorkOrderEvent } from '../work-orders/work-order-events';
import { urgedEvent } from './urge-events';
import { insertUrge, urgeCount, WorkOrderUrge } from './urging.repository';

/**
 * Records one urge of the order and announces it (WorkOrderUrged), in the caller's transaction.
 * Returns undefined when the ladder's step was recorded already (a timer fired twice).
 */
export async function recordUrge(
  manager: EntityManager,
  outbox: Outbox,
  order: WorkOrderEntity,
  step: { level: UrgeLevel; method: UrgeMethod; note: string | null; by: string; at: Date },
): Promise<WorkOrderUrge | undefined> {
  const dueAt = handlingDueOf(order);
  const urge: WorkOrderUrge = {
    id: uuidv7(),
    tenantId: order.tenantId,
    workOrderId: order.id,
    level: step.level,
    method: step.method,
    note: step.note,
    urgedAt: step.at,
    urgedBy: step.by,
    dueAt,
    overdue: step.at.getTime() >= dueAt.getTime(),
    // The notice and the circular go to the unit's leader too [S20].
    copiedToLeader: step.level !== 'reminder',
  };
  if (!(await insertUrge(manager, urge))) return undefined;
  await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderUrged, order, urgedEvent(order, urge, await urgeCount(manager, order.id)));
  await notifyUrge(manager, order, urge);
  return urge;
}

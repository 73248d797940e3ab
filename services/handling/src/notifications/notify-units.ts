import { EntityManager } from 'typeorm';
import { handlingDueOf } from '@hotline/handling-domain';
import { enqueueNotification, NotificationRequest } from '@hotline/platform';
import type { Clock } from '@hotline/vocabulary';
import type { WorkOrderUrge } from '../urging/urging.repository';
import type { WorkOrderEntity } from '../work-orders/work-order.entity';

// The unit's notifications (ADR 0029), each enqueued in the transaction of the change it tells
// of, so it goes out exactly when that change committed. A unit is named by its id; the gateway
// knows its inbox. Parameters are codes, instants and the request number, never free text.

type Order = Pick<
  WorkOrderEntity,
  'id' | 'tenantId' | 'requestId' | 'unitId' | 'role' | 'brief' | 'signDueAt' | 'handleDueAt' | 'extendedDueAt' | 'reworkCount'
>;

function toUnit(order: Order, kind: 'unit' | 'unit-leader'): NotificationRequest['recipient'] {
  return { kind, ref: order.unitId, masked: order.unitId };
}

const base = (order: Order) => ({ tenantId: order.tenantId, channel: 'unit-inbox' as const, requestId: order.requestId });

/** A new work order (新工单): its role, urgency and both dues. */
export async function notifyNewWorkOrder(manager: EntityManager, order: Order): Promise<void> {
  await enqueueNotification(manager, {
    ...base(order),
    sourceRef: `work-order:${order.id}`,
    recipient: toUnit(order, 'unit'),
    template: 'work-order-new',
    params: {
      requestNumber: order.brief.number ?? '',
      workOrderId: order.id,
      role: order.role,
      urgency: order.brief.urgency ?? '',
      signDueAt: order.signDueAt.toISOString(),
      handleDueAt: handlingDueOf(order).toISOString(),
    },
  });
}

/** An urge (催办, 催办通知书, 通报) to the unit; the notice and the circular copied to its leader (ADR 0023). */
export async function notifyUrge(manager: EntityManager, order: Order, urge: Pick<WorkOrderUrge, 'id' | 'level' | 'method' | 'dueAt' | 'overdue' | 'copiedToLeader'>): Promise<void> {
  const common = { requestNumber: order.brief.number ?? '', workOrderId: order.id, level: urge.level, dueAt: urge.dueAt.toISOString() };
  await enqueueNotification(manager, {
    ...base(order),
    sourceRef: `urge:${urge.id}`,
    recipient: toUnit(order, 'unit'),
    template: 'work-order-urged',
    params: { ...common, method: urge.method, overdue: String(urge.overdue) },
  });
  if (urge.copiedToLeader)
    await enqueueNotification(manager, {
      ...base(order),
      sourceRef: `urge:${urge.id}`,
      recipient: toUnit(order, 'unit-leader'),
      template: 'urge-notice-leader-copy',
      params: common,
    });
}

/** A clock of the order ran out (超期): which one, and the due it breached. Each rework's clock is a breach of its own. */
export async function notifyOverdue(manager: EntityManager, order: Order, clock: Clock, dueAt: Date): Promise<void> {
  await enqueueNotification(manager, {
    ...base(order),
    sourceRef: `overdue:${order.id}/${clock === 'rework' ? `rework-${order.reworkCount}` : clock}`,
    recipient: toUnit(order, 'unit'),
    template: 'work-order-overdue',
    params: { requestNumber: order.brief.number ?? '', workOrderId: order.id, clock, dueAt: dueAt.toISOString() },
  });
}

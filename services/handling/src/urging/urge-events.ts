import type { handlingEventsV1 } from '@hotline/contracts';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import type { WorkOrderUrge } from './urging.repository';

export function urgedEvent(order: WorkOrderEntity, urge: WorkOrderUrge, urgeCount: number): handlingEventsV1.WorkOrderUrged {
  return {
    workOrderId: order.id,
    requestId: order.requestId,
    unitId: order.unitId,
    urgeId: urge.id,
    level: urge.level,
    method: urge.method,
    urgedAt: urge.urgedAt.toISOString(),
    urgedBy: urge.urgedBy,
    dueAt: urge.dueAt.toISOString(),
    overdue: urge.overdue,
    copiedToLeader: urge.copiedToLeader,
    urgeCount,
  };
}

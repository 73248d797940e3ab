import { EntityManager } from 'typeorm';
import { owesInput } from '@hotline/handling-domain';
import { maskedAnswer } from '../work-orders/answer-text';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { ordersOfRequest } from '../work-orders/work-orders.repository';

/**
 * What the assisting units of the lead's request gave or still owe, for the lead and the hotline
 * (ADR 0026): each assisting order with its status, its input (masked) once given, or why it was
 * cancelled. Empty for an assisting order itself: a unit sees only its own share.
 */
export async function assistingInputsFor(manager: EntityManager, order: WorkOrderEntity) {
  if (order.role !== 'primary') return [];
  const shares = (await ordersOfRequest(manager, order.requestId)).filter((o) => o.role === 'assisting');
  return shares.map((o) => ({
    workOrderId: o.id,
    unitId: o.unitId,
    unitCode: o.unitCode,
    unitName: o.unitName,
    status: o.status,
    owesInput: owesInput(o),
    handlingDueAt: o.handleDueAt.toISOString(),
    answeredAt: o.answeredAt?.toISOString() ?? null,
    answeredBy: o.answeredBy,
    ...maskedAnswer(o),
    cancelReason: o.cancelReason,
  }));
}

import { EntityManager } from 'typeorm';
import { answerTransition, canActFor, nextStatus, Transition } from '@hotline/handling-domain';
import { Identity, ProblemError } from '@hotline/platform';
import type { WorkOrderStatus } from '@hotline/vocabulary';
import { WorkOrderEntity } from './work-order.entity';
import { findVisibleWorkOrder } from './work-orders.query';

/**
 * The caller's own unit's order, locked, with the status `transition` leads to (409 when not
 * allowed now). Answering an assisting order gives its input to the lead's answer (ADR 0026).
 */
export async function lockOwnWorkOrder(
  manager: EntityManager,
  who: Identity,
  id: string,
  transition: Transition,
): Promise<{ order: WorkOrderEntity; status: WorkOrderStatus }> {
  const order = await findVisibleWorkOrder(manager, who, id, true);
  if (!canActFor(who, order.unitCode)) throw ProblemError.forbidden('only staff of the assigned unit may act on this order');
  const status = nextStatus(order.status, transition === 'answer' ? answerTransition(order.role) : transition);
  if (!status) throw ProblemError.conflict(`work order is ${order.status}; cannot ${transition}`);
  return { order, status };
}

import { EntityManager } from 'typeorm';
import { releaseRefusal } from '@hotline/handling-domain';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { cancelWorkOrder } from '../work-orders/cancel-work-order';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { ReleaseAssistingOrder } from './co-handling.schemas';

/**
 * The hotline releases an assisting unit that owes its input (协办意见) — it did not answer in
 * time, or its share turned out not to be needed — so that the lead can answer: the order is
 * cancelled with reason `released`, who released it and why (ADR 0026).
 */
export async function releaseAssistingOrder(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  id: string,
  input: ReleaseAssistingOrder,
): Promise<WorkOrderEntity> {
  const order = await findVisibleWorkOrder(manager, who, id, true);
  const refusal = releaseRefusal(order);
  if (refusal) throw ProblemError.conflict(refusal);
  const released = await cancelWorkOrder(manager, outbox, order, 'released', new Date(), { subject: who.subject, note: input.note });
  if (!released) throw new Error(`order ${order.id} owed its input but could not be cancelled`);
  return released;
}

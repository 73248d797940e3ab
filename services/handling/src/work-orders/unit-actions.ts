import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { workingHoursBetween } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { isOnTime, nextStatus, Transition } from '@hotline/handling-domain';
import { Identity, Outbox, ProblemError, Timers } from '@hotline/platform';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, findVisibleWorkOrder, tenantWorkingCalendar, TimerKinds } from './work-orders';

export const AnswerBody = z
  .object({
    answer: z.string().trim().min(1).max(4000),
    basis: z.string().trim().min(1).max(1000).describe('政策/法律依据 cited'),
    contactRecord: z.string().trim().min(1).max(1000).describe('how and when the requester was contacted'),
  })
  .strict();
export type Answer = z.infer<typeof AnswerBody>;

/** Loads the caller's own unit's order, locked, and checks the transition is allowed now. */
async function ownOrderFor(manager: EntityManager, who: Identity, id: string, transition: Transition) {
  const order = await findVisibleWorkOrder(manager, who, id, true);
  if (!who.unit || who.unit !== order.unitCode) throw ProblemError.forbidden('only staff of the assigned unit may act on this order');
  const status = nextStatus(order.status, transition);
  if (!status) throw ProblemError.conflict(`work order is ${order.status}; cannot ${transition}`);
  return { order, status };
}

/** 签收: stops the sign-for clock and records whether it was on time. */
export async function signWorkOrder(manager: EntityManager, outbox: Outbox, who: Identity, id: string): Promise<WorkOrderEntity> {
  const { order, status } = await ownOrderFor(manager, who, id, 'sign');
  const signedAt = new Date();
  await manager.getRepository(WorkOrderEntity).update({ id: order.id }, { status, signedAt });
  await Timers.cancel(manager, TimerKinds.signOverdue, order.id);
  await appendWorkOrderEvent(manager, outbox, who.tenantId, Events.handling.workOrderSigned, order, {
    signedAt: signedAt.toISOString(),
    onTime: isOnTime(signedAt, order.signDueAt),
  });
  return { ...order, status, signedAt };
}

/** 答复: stops the handling clock; the answer goes to review. */
export async function answerWorkOrder(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  id: string,
  input: Answer,
): Promise<WorkOrderEntity> {
  const { order, status } = await ownOrderFor(manager, who, id, 'answer');
  const answeredAt = new Date();
  const calendar = await tenantWorkingCalendar(manager, who.tenantId);
  await manager.getRepository(WorkOrderEntity).update({ id: order.id }, { status, answeredAt, ...input });
  await Timers.cancel(manager, TimerKinds.handleOverdue, order.id);
  await appendWorkOrderEvent(manager, outbox, who.tenantId, Events.handling.workOrderAnswered, order, {
    role: order.role,
    answer: input.answer,
    basis: input.basis,
    contactRecord: input.contactRecord,
    answeredAt: answeredAt.toISOString(),
    onTime: isOnTime(answeredAt, order.handleDueAt),
    reworkCount: order.reworkCount,
    handlingWorkingHours: workingHoursBetween(calendar, order.createdAt, answeredAt),
  });
  return { ...order, status, answeredAt, ...input };
}

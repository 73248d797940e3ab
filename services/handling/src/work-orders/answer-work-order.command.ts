import { EntityManager } from 'typeorm';
import { workingHoursBetween } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { answerTiming, leadAnswerRefusal, maySignOff } from '@hotline/handling-domain';
import { Identity, Outbox, PiiCipher, ProblemError } from '@hotline/platform';
import type { WorkOrderStatus } from '@hotline/vocabulary';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { endRunningPause } from '../clocks/end-pause';
import { isImportant, loadSignOffPolicy } from '../sign-off/sign-off.repository';
import { SealedAnswer, sealAnswer } from './answer-text';
import { lockOwnWorkOrder } from './own-work-order';
import { WorkOrderEntity } from './work-order.entity';
import { answeredEvent, appendWorkOrderEvent } from './work-order-events';
import { syncOverdueTimers } from './work-order-timers';
import { ordersOfRequest, updateWorkOrder } from './work-orders.repository';
import { Answer } from './work-orders.schemas';

/**
 * 答复 by a staff member of the assigned unit: stops the handling (and rework) clock. The lead's
 * answer goes to review, once every assisting unit gave its input; an assisting unit's answer is
 * that input (协办意见), which ends its share (ADR 0026). On time only before the original handling due, whatever rework came between.
 * The texts are stored masked, with their clear text encrypted, and WorkOrderAnswered carries
 * the masked text. Where the tenant requires the leader's sign-off, only a unit leader answers
 * directly (signing it off); an operator drafts (ADR 0023).
 */
export async function answerWorkOrder(
  manager: EntityManager,
  outbox: Outbox,
  cipher: PiiCipher,
  who: Identity,
  id: string,
  input: Answer,
): Promise<WorkOrderEntity> {
  const { order, status } = await lockOwnWorkOrder(manager, who, id, 'answer');
  const policy = await loadSignOffPolicy(manager);
  const important = policy.required && (await isImportant(manager, order, policy));
  const leader = maySignOff(who.roles, important);
  if (policy.required && !leader)
    throw ProblemError.conflict(
      important
        ? "this order is a 重件: its answer leaves the unit only with its principal's (主要负责人) sign-off: draft it (POST /v1/work-orders/{id}/answer-draft)"
        : "this hotline's answers leave a unit only with its leader's sign-off: draft it (POST /v1/work-orders/{id}/answer-draft)",
    );
  return recordAnswer(manager, outbox, order, status, sealAnswer(cipher, who.tenantId, input), {
    answeredBy: who.subject,
    signedOffBy: leader ? who.subject : null,
  });
}

/**
 * Stores the answer on the locked order and announces it: the clock stops now (when the answer
 * leaves the unit: its leader's sign-off, where required). A lead answer waits for the inputs
 * the assisting units owe (409 naming them).
 */
export async function recordAnswer(
  manager: EntityManager,
  outbox: Outbox,
  order: WorkOrderEntity,
  status: WorkOrderStatus,
  sealed: SealedAnswer,
  by: { answeredBy: string; signedOffBy: string | null },
): Promise<WorkOrderEntity> {
  if (order.role === 'primary') {
    const refusal = leadAnswerRefusal(await ordersOfRequest(manager, order.requestId));
    if (refusal) throw ProblemError.conflict(refusal);
  }
  const answeredAt = new Date();
  // An answer while the clock is paused ends the pause first: the due it is judged against moves with it.
  order = await endRunningPause(manager, outbox, order, { kind: 'order-moved-on', by: by.answeredBy, at: answeredAt });
  const calendar = await tenantWorkingCalendar(manager, order.tenantId);
  const changes = { status, answeredAt, answeredBy: by.answeredBy, signedOffBy: by.signedOffBy, ...sealed };
  const answered: WorkOrderEntity = { ...order, ...changes };
  await updateWorkOrder(manager, order.id, changes);
  await syncOverdueTimers(manager, answered);
  const hours = workingHoursBetween(calendar, order.createdAt, answeredAt);
  await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderAnswered, answered, answeredEvent(answered, answerTiming(order, answeredAt), hours));
  return answered;
}

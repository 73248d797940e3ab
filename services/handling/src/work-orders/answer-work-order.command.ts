import { EntityManager } from 'typeorm';
import { workingHoursBetween } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { answerTiming } from '@hotline/handling-domain';
import { Identity, Outbox, PiiCipher } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { sealAnswer } from './answer-text';
import { lockOwnWorkOrder } from './own-work-order';
import { WorkOrderEntity } from './work-order.entity';
import { answeredEvent, appendWorkOrderEvent } from './work-order-events';
import { syncOverdueTimers } from './work-order-timers';
import { updateWorkOrder } from './work-orders.repository';
import { Answer } from './work-orders.schemas';

/**
 * 答复 by a staff member of the assigned unit: stops the handling (and rework) clock; the answer
 * goes to review. On time only before the original handling due, whatever rework came between.
 * The texts are stored masked, with their clear text encrypted, and WorkOrderAnswered carries
 * the masked text.
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
  const answeredAt = new Date();
  const calendar = await tenantWorkingCalendar(manager, who.tenantId);
  const changes = { status, answeredAt, answeredBy: who.subject, ...sealAnswer(cipher, who.tenantId, input) };
  const answered: WorkOrderEntity = { ...order, ...changes };
  await updateWorkOrder(manager, order.id, changes);
  await syncOverdueTimers(manager, answered);
  const hours = workingHoursBetween(calendar, order.createdAt, answeredAt);
  await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderAnswered, answered, answeredEvent(answered, answerTiming(order, answeredAt), hours));
  return answered;
}

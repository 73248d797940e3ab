import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { statusOfNewAnswer } from '@hotline/revisit-domain';
import { answeredOrderOf, instant } from '../case-file/case-file.mapping';
import { recordAnsweredOrder } from '../case-file/case-file.repository';
import { findProgress, markAwaitingReview } from '../revisits/revisits.repository';
import { insertAnswerReview } from './reviews.repository';

/**
 * revisit--hl-handling-v1--work-order-answered: every lead answer (and reworked answer) awaits 复核,
 * once per work order and rework round, and goes into the case file; the request now awaits
 * review. An assisting unit's answer is its input, kept beside the lead's answer and reviewed with
 * it (ADR 0026). A lead answer arriving after its request closed is withdrawn at once.
 * The answer, basis and contact record are kept masked, whatever the event carries.
 */
export const onWorkOrderAnswered = onEvent(Events.handling.workOrderAnswered, 'work-order-answered', async (event, manager) => {
  const answered = event.payload;
  const order = answeredOrderOf(answered);
  await recordAnsweredOrder(manager, event.tenantId, order);
  const progress = await findProgress(manager, answered.requestId);
  const inserted = await insertAnswerReview(manager, event.tenantId, {
    requestId: answered.requestId,
    workOrderId: answered.workOrderId,
    unitId: answered.unitId,
    role: order.role,
    answer: maskPersonalData(answered.answer),
    basis: maskPersonalData(answered.basis),
    contactRecord: maskPersonalData(answered.contactRecord),
    answeredAt: instant(answered.answeredAt),
    answeredBy: answered.answeredBy || null,
    onTime: answered.onTime,
    reworkCount: answered.reworkCount,
    status: statusOfNewAnswer(order.role, progress?.status),
  });
  if (inserted && order.role === 'primary')
    await markAwaitingReview(manager, event.tenantId, answered.requestId, answered.workOrderId, answered.unitId);
});

import { Events } from '@hotline/contracts';
import { nextStatus } from '@hotline/handling-domain';
import { onEvent } from '@hotline/platform';
import { reopenForRework } from './reopen-for-rework';
import { findWorkOrder, updateWorkOrder } from './work-orders.repository';

/**
 * AnswerReviewed → passed: the order is reviewed. Failed: rework (退回重办) — back in progress
 * with a rework due from the review under the order's own handling rule, beside the original
 * due (which keeps counting for the on-time rate), and WorkOrderReopened.
 * A review of an order that is not awaiting review (unknown, cancelled, already handled) changes nothing.
 */
export const onAnswerReviewed = onEvent(Events.revisit.answerReviewed, 'answer-reviewed', async (event, manager, ctx) => {
  const review = event.payload;
  const order = review.workOrderId ? await findWorkOrder(manager, review.workOrderId, true) : null;
  if (!order) return;
  const status = nextStatus(order.status, review.passed ? 'review-passed' : 'review-failed');
  if (!status) return;
  if (review.passed) {
    await updateWorkOrder(manager, order.id, { status });
    return;
  }
  await reopenForRework(manager, ctx, order, { status, at: review.reviewedAt, reasons: review.reasons });
});

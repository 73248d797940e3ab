import { Events } from '@hotline/contracts';
import { clockStart, nextStatus, provisionalYearsOf, reworkDue } from '@hotline/handling-domain';
import { onEvent } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { reportProvisionalDues } from './provisional-dues';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, reopenedEvent } from './work-order-events';
import { syncOverdueTimers } from './work-order-timers';
import { findWorkOrder, limitOf, updateWorkOrder } from './work-orders.repository';

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
  const reopenedAt = clockStart(review.reviewedAt, new Date());
  const calendar = await tenantWorkingCalendar(manager, event.tenantId);
  const limit = await limitOf(manager, order);
  const rework = reworkDue(calendar, reopenedAt, limit);
  const reopened: WorkOrderEntity = {
    ...order,
    status,
    reworkCount: order.reworkCount + 1,
    reopenedAt,
    reworkDueAt: rework.dueAt,
    reworkOverdue: false,
  };
  reopened.provisionalYears = provisionalYearsOf(reopened, limit, calendar);
  reopened.dueProvisional = reopened.provisionalYears.length > 0;
  const { reworkCount, reworkDueAt, reworkOverdue, provisionalYears, dueProvisional } = reopened;
  await updateWorkOrder(manager, order.id, { status, reworkCount, reopenedAt, reworkDueAt, reworkOverdue, provisionalYears, dueProvisional });
  await syncOverdueTimers(manager, reopened);
  await appendWorkOrderEvent(manager, ctx.outbox, Events.handling.workOrderReopened, reopened, reopenedEvent(reopened, review.reasons));
  if (rework.missingYears.length > 0)
    await reportProvisionalDues(manager, ctx, reopened, { years: rework.missingYears, dueAt: rework.dueAt, clocks: ['rework'] });
});

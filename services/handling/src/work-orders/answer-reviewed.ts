import { computeDue } from '@hotline/calendar';
import { Events, revisitEventsV1 } from '@hotline/contracts';
import { nextStatus, toCalendarRule, toRequestType, toUrgency } from '@hotline/handling-domain';
import { EventHandler, Outbox, Timers } from '@hotline/platform';
import { loadTimeLimit } from '../time-limits/time-limits';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, tenantWorkingCalendar, TimerKinds } from './work-orders';

/**
 * AnswerReviewed → passed: the order is reviewed. Failed: rework (退回重办) — back in progress
 * with a fresh handling clock from now under the same rule, and WorkOrderReopened.
 * A review of an order that is not awaiting review (unknown, or already handled) changes nothing.
 */
export function answerReviewedHandler(outbox: Outbox): EventHandler {
  return async (event, manager) => {
    if (event.definition !== Events.revisit.answerReviewed) return;
    const review = event.payload as revisitEventsV1.AnswerReviewed;
    const repo = manager.getRepository(WorkOrderEntity);
    const order = review.workOrderId
      ? await repo.findOne({ where: { id: review.workOrderId }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!order) return;
    const status = nextStatus(order.status, review.passed ? 'review-passed' : 'review-failed');
    if (!status) return;
    if (review.passed) {
      await repo.update({ id: order.id }, { status });
      return;
    }
    const now = new Date();
    const calendar = await tenantWorkingCalendar(manager, event.tenantId);
    const limit = await loadTimeLimit(manager, toRequestType(order.brief.requestType), toUrgency(order.brief.urgency));
    const handleDueAt = computeDue(calendar, now, toCalendarRule(limit.handling));
    const reworkCount = order.reworkCount + 1;
    // The flag describes the current clock; the earlier breach stays in the event history.
    await repo.update({ id: order.id }, { status, reworkCount, handleDueAt, handleOverdue: false });
    await Timers.schedule(manager, {
      tenantId: event.tenantId,
      kind: TimerKinds.handleOverdue,
      key: order.id,
      dueAt: handleDueAt,
      payload: { workOrderId: order.id },
    });
    await appendWorkOrderEvent(manager, outbox, event.tenantId, Events.handling.workOrderReopened, order, {
      reasons: review.reasons.slice(0, 50),
      reworkCount,
      handleDueAt: handleDueAt.toISOString(),
      reopenedAt: now.toISOString(),
    });
  };
}

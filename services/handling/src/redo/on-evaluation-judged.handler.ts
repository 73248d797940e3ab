import { Events } from '@hotline/contracts';
import { clockStart, provisionalYearsOf, reworkDue } from '@hotline/handling-domain';
import { onEvent } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { reportProvisionalDues } from '../work-orders/provisional-dues';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { appendWorkOrderEvent, reopenedEvent } from '../work-orders/work-order-events';
import { syncOverdueTimers } from '../work-orders/work-order-timers';
import { findWorkOrder, limitOf, updateWorkOrder } from '../work-orders/work-orders.repository';
import { redoRefusal } from './redo';

/**
 * handling--hl-revisit-v1--redo: a dissatisfied or unresolved evaluation judged reasonable
 * (合理差评) sends the primary order back for 重办 (Guangzhou 2018 细则, domain.md §9.1). The order,
 * reviewed, goes back in progress for another round with a new limit: a rework due from the
 * judgement under the order's own handling rule (the original due stays, as after a failed
 * review), its overdue timer, and WorkOrderReopened with the judgement's note as the reason.
 * Not reasonable, or an order not reviewed (unknown, cancelled, already reopened by a redelivery):
 * nothing changes.
 */
export const onEvaluationJudged = onEvent(Events.revisit.evaluationJudged, 'redo', async (event, manager, ctx) => {
  const judged = event.payload;
  const order = judged.workOrderId ? await findWorkOrder(manager, judged.workOrderId, true) : null;
  if (!order || redoRefusal(judged.reasonable, order.status)) return;
  const reopenedAt = clockStart(judged.judgedAt, new Date());
  const calendar = await tenantWorkingCalendar(manager, event.tenantId);
  const limit = await limitOf(manager, order);
  const rework = reworkDue(calendar, reopenedAt, limit);
  const reopened: WorkOrderEntity = {
    ...order,
    status: 'in-progress',
    reworkCount: order.reworkCount + 1,
    reopenedAt,
    reworkDueAt: rework.dueAt,
    reworkOverdue: false,
  };
  reopened.provisionalYears = provisionalYearsOf(reopened, limit, calendar);
  reopened.dueProvisional = reopened.provisionalYears.length > 0;
  const { status, reworkCount, reworkDueAt, reworkOverdue, provisionalYears, dueProvisional } = reopened;
  await updateWorkOrder(manager, order.id, { status, reworkCount, reopenedAt, reworkDueAt, reworkOverdue, provisionalYears, dueProvisional });
  await syncOverdueTimers(manager, reopened);
  await appendWorkOrderEvent(manager, ctx.outbox, Events.handling.workOrderReopened, reopened, reopenedEvent(reopened, [judged.note]));
  if (rework.missingYears.length > 0)
    await reportProvisionalDues(manager, ctx, reopened, { years: rework.missingYears, dueAt: rework.dueAt, clocks: ['rework'] });
});

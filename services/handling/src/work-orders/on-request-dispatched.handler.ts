import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { clockStart, initialDues, latestProvisionalDue, maskBriefText, orderTimeLimit, plannedHandlingStart } from '@hotline/handling-domain';
import { onEvent, ServiceContext, uuidv7 } from '@hotline/platform';
import { DispatchMode, toAssignmentRole, toRequestType, toUrgency } from '@hotline/vocabulary';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { loadClockPolicy } from '../clocks/clocks.repository';
import { notifyNewWorkOrder } from '../notifications/notify-units';
import { loadTimeLimit } from '../time-limits/time-limits.repository';
import { loadWarningPolicy } from '../warnings/warnings.repository';
import { reportProvisionalDues } from './provisional-dues';
import { WorkOrderEntity } from './work-order.entity';
import { cancelWorkOrder } from './cancel-work-order';
import { appendWorkOrderEvent, createdEvent } from './work-order-events';
import { syncOverdueTimers } from './work-order-timers';
import { insertIfAbsent, openOrdersOfRequest } from './work-orders.repository';

/**
 * RequestDispatched → one work order per assigned unit, its clocks starting at the dispatch (the
 * handling clock at the sign-for where the tenant counts from it),
 * with their overdue timers and WorkOrderCreated. A unit already holding an order for the
 * request is skipped (unique key), so a re-delivered or re-published dispatch creates nothing twice.
 * The brief is kept with its title and content masked, whatever the dispatch carried. An
 * escalation (提级) supersedes the orders of units it no longer names: they are cancelled.
 */
export const onRequestDispatched = onEvent(Events.dispatch.requestDispatched, 'request-dispatched', async (event, manager, ctx) => {
  const { request, assignments, dispatchedAt } = event.payload;
  if (!request?.requestId) return;
  const brief = maskBriefText(request);
  const calendar = await tenantWorkingCalendar(manager, event.tenantId);
  const limit = orderTimeLimit(await loadTimeLimit(manager, toRequestType(request.requestType), toUrgency(request.urgency)));
  const createdAt = clockStart(dispatchedAt, new Date());
  // From the sign-for, the handling clock is planned from the sign-for due (its latest start); the sign-for moves it.
  const { handlingStartsAt } = await loadClockPolicy(manager);
  const dues = initialDues(calendar, createdAt, limit, (signDueAt) => plannedHandlingStart(handlingStartsAt, createdAt, signDueAt));
  const provisionalDueAt = latestProvisionalDue(dues);
  const warningPolicy = await loadWarningPolicy(manager);
  for (const assignment of assignments) {
    if (!assignment.unitId) continue;
    const order: WorkOrderEntity = {
      id: uuidv7(),
      tenantId: event.tenantId,
      requestId: request.requestId,
      unitId: assignment.unitId,
      unitCode: assignment.unitCode,
      unitName: assignment.unitName,
      role: toAssignmentRole(assignment.role),
      status: 'awaiting-sign',
      brief,
      createdAt,
      handlingClockStart: handlingStartsAt,
      handleStartedAt: plannedHandlingStart(handlingStartsAt, createdAt, dues.signDueAt),
      pausedAt: null,
      timeLimit: limit,
      signDueAt: dues.signDueAt,
      handleDueAt: dues.handleDueAt,
      extendedDueAt: null,
      reworkDueAt: null,
      reopenedAt: null,
      dueProvisional: dues.provisionalYears.length > 0,
      provisionalYears: dues.provisionalYears,
      signedAt: null,
      signedBy: null,
      answeredAt: null,
      answeredBy: null,
      signedOffBy: null,
      answer: null,
      basis: null,
      contactRecord: null,
      answerEnc: null,
      basisEnc: null,
      contactRecordEnc: null,
      reworkCount: 0,
      signOverdue: false,
      handleOverdue: false,
      reworkOverdue: false,
      warningLevel: 'green',
      cancelledAt: null,
      cancelReason: null,
      cancelledBy: null,
      cancelNote: null,
    };
    if (!(await insertIfAbsent(manager, order))) continue;
    await syncOverdueTimers(manager, order, { fresh: true, policy: warningPolicy });
    await appendWorkOrderEvent(manager, ctx.outbox, Events.handling.workOrderCreated, order, createdEvent(order));
    await notifyNewWorkOrder(manager, order);
    if (provisionalDueAt)
      await reportProvisionalDues(manager, ctx, order, { years: dues.provisionalYears, dueAt: provisionalDueAt, clocks: dues.provisionalClocks });
  }
  if (event.payload.mode === ('escalated' satisfies DispatchMode)) await cancelSuperseded(manager, ctx, request.requestId, assignments, createdAt);
});

/**
 * The former primary's order, when the request was escalated to a coordinating unit: cancelled
 * with its timers (reason escalated). Only orders created before this dispatch: a redelivered
 * escalation never cancels the orders of a later one.
 */
async function cancelSuperseded(
  manager: EntityManager,
  ctx: ServiceContext,
  requestId: string,
  assignments: ReadonlyArray<{ unitId: string }>,
  dispatchedAt: Date,
): Promise<void> {
  const named = new Set(assignments.map((a) => a.unitId));
  const cancelledAt = new Date();
  for (const order of await openOrdersOfRequest(manager, requestId))
    if (!named.has(order.unitId) && order.createdAt.getTime() < dispatchedAt.getTime()) await cancelWorkOrder(manager, ctx.outbox, order, 'escalated', cancelledAt);
}

import { EntityManager } from 'typeorm';
import { DEFAULT_SUPERVISION_REPLY_WORKING_DAYS, supervisionReplyDueAt } from '@hotline/handling-domain';
import { maskPersonalData } from '@hotline/privacy';
import { Identity, Outbox, ProblemError, Timers, uuidv7 } from '@hotline/platform';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { announceSupervision } from './announce-supervision';
import { SUPERVISION_REPLY_DUE_TIMER } from './supervision-reply-due.timer';
import { insertSupervision, SupervisionOrder } from './supervision.repository';
import { OpenSupervision } from './supervision.schemas';

/**
 * A supervisor opens a 督办 order on a unit's work order: why (a leader's instruction, media
 * exposure, a hotspot, an overdue order, passing the buck, no progress), what is asked, and the
 * working days the unit has to reply (default 3 [S16]). A durable timer marks a reply that is late.
 */
export async function openSupervision(manager: EntityManager, outbox: Outbox, who: Identity, input: OpenSupervision): Promise<SupervisionOrder> {
  // An order that does not exist is the body's fault: a 400 naming the field (an outage stays a 503).
  const order = await findVisibleWorkOrder(manager, who, input.workOrderId).catch((error: unknown) => {
    throw error instanceof ProblemError && error.status === 404 ? ProblemError.validation([{ field: 'workOrderId', message: 'no such work order' }]) : error;
  });
  if (order.status === 'cancelled') throw ProblemError.conflict('the work order is cancelled: nobody is left to supervise');
  const openedAt = new Date();
  const calendar = await tenantWorkingCalendar(manager, who.tenantId);
  const supervision: SupervisionOrder = {
    id: uuidv7(),
    tenantId: who.tenantId,
    workOrderId: order.id,
    requestId: order.requestId,
    unitId: order.unitId,
    unitCode: order.unitCode,
    source: input.source,
    instruction: maskPersonalData(input.instruction),
    state: 'open',
    replyDueAt: supervisionReplyDueAt(calendar, openedAt, input.replyWithinWorkingDays ?? DEFAULT_SUPERVISION_REPLY_WORKING_DAYS),
    replyOverdue: false,
    openedAt,
    openedBy: who.subject,
    reply: null,
    repliedAt: null,
    repliedBy: null,
    closedAt: null,
    closedBy: null,
    closeNote: null,
  };
  await insertSupervision(manager, supervision);
  await Timers.schedule(manager, {
    tenantId: who.tenantId, kind: SUPERVISION_REPLY_DUE_TIMER, key: supervision.id, dueAt: supervision.replyDueAt, payload: { supervisionId: supervision.id },
  });
  await announceSupervision(manager, outbox, supervision, 'opened', openedAt, who.subject);
  return supervision;
}

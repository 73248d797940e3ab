import { EntityManager } from 'typeorm';
import { canActFor, handlingDueOf, isAskedInTime, isClockRunning, pauseRefusal } from '@hotline/handling-domain';
import { Identity, Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { approvedPauseCount, insertPause, loadClockPolicy, lockPendingPause } from './clocks.repository';
import { AskPause } from './clocks.schemas';
import { announcePause } from './pause-events';
import { WorkOrderPauseEntity } from './work-order-pause.entity';

/**
 * 暂停计时: the assigned unit asks the hotline to stop its handling clock, with a reason, while
 * the order is signed and its due has not passed (at or after the due it is overdue already:
 * 409, nothing written). The clock keeps running until the hotline approves.
 */
export async function askPause(manager: EntityManager, outbox: Outbox, who: Identity, id: string, input: AskPause): Promise<WorkOrderPauseEntity> {
  const order = await findVisibleWorkOrder(manager, who, id, true);
  if (!canActFor(who, order.unitCode)) throw ProblemError.forbidden('only staff of the assigned unit may ask to pause this order');
  if (order.status !== 'in-progress') throw ProblemError.conflict(`work order is ${order.status}; only a signed order in progress can pause`);
  const askedAt = new Date();
  if (!isAskedInTime(askedAt, handlingDueOf(order)))
    throw ProblemError.conflict('the handling due has passed: the order is overdue and its clock cannot pause');
  const refusal = pauseRefusal(
    {
      handlingRunning: isClockRunning(order, 'handling'),
      paused: order.pausedAt !== null,
      reworking: order.reworkDueAt !== null,
      pendingPause: (await lockPendingPause(manager, order.id)) !== null,
      approvedPauses: await approvedPauseCount(manager, order.id),
    },
    await loadClockPolicy(manager),
  );
  if (refusal) throw ProblemError.conflict(`this order cannot pause: ${refusal}`);
  const pause: WorkOrderPauseEntity = {
    id: uuidv7(),
    tenantId: order.tenantId,
    workOrderId: order.id,
    status: 'pending',
    reason: input.reason,
    note: input.note ? maskPersonalData(input.note) : null,
    askedAt,
    askedBy: who.subject,
    decidedAt: null,
    decidedBy: null,
    decisionNote: null,
    startedAt: null,
    resumesBy: null,
    endedAt: null,
    endedBy: null,
    endKind: null,
    dueBefore: null,
    dueAfter: null,
  };
  await insertPause(manager, pause);
  await announcePause(manager, outbox, order, pause, 'asked', askedAt, who.subject);
  return pause;
}

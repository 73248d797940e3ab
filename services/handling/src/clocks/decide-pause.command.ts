import { EntityManager } from 'typeorm';
import { handlingDueOf, isAskedInTime, isClockRunning, pauseLimitAt } from '@hotline/handling-domain';
import { Identity, Outbox, ProblemError, Timers } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { tenantWorkingCalendar } from '../calendar/calendar.repository';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { syncOverdueTimers } from '../work-orders/work-order-timers';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { updateWorkOrder } from '../work-orders/work-orders.repository';
import { approvedPauseCount, loadClockPolicy, lockPause, updatePause } from './clocks.repository';
import { PauseRemark } from './clocks.schemas';
import { announcePause } from './pause-events';
import { PAUSE_LIMIT_TIMER } from './pause-limit.timer';
import { WorkOrderPauseEntity } from './work-order-pause.entity';

export type PauseDecision = 'approve' | 'refuse';

/**
 * The hotline approves or refuses a pause asked. Approved, the clock stops now (the time the ask
 * waited on the hotline's desk counted), the overdue, warning and urging timers are cancelled, and
 * a timer resumes the clock at the tenant's longest pause. An approval after the due passed is a
 * 409: the breach was seen, and a pause cannot hide it.
 */
export async function decidePause(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  workOrderId: string,
  pauseId: string,
  decision: PauseDecision,
  input: PauseRemark,
): Promise<WorkOrderPauseEntity> {
  const order = await findVisibleWorkOrder(manager, who, workOrderId, true);
  const pause = await lockPause(manager, order.id, pauseId);
  if (!pause) throw ProblemError.notFound(`pause ${pauseId}`);
  if (pause.status !== 'pending') throw ProblemError.conflict(`pause is ${pause.status} already`);
  const decidedAt = new Date();
  const decided = { decidedAt, decidedBy: who.subject, decisionNote: input.note ? maskPersonalData(input.note) : null };
  if (decision === 'refuse') {
    const refused: WorkOrderPauseEntity = { ...pause, ...decided, status: 'refused' };
    await updatePause(manager, pause.id, refused);
    await announcePause(manager, outbox, order, refused, 'refused', decidedAt, who.subject);
    return refused;
  }
  if (!isClockRunning(order, 'handling') || order.status !== 'in-progress')
    throw ProblemError.conflict(`work order is ${order.status}; its handling clock does not run`);
  if (!isAskedInTime(decidedAt, handlingDueOf(order))) throw ProblemError.conflict('the handling due has passed; a pause cannot hide the breach: refuse it');
  const policy = await loadClockPolicy(manager);
  if ((await approvedPauseCount(manager, order.id)) >= policy.maxPauses)
    throw ProblemError.conflict(`the tenant's clock policy no longer allows it: at most ${policy.maxPauses} pause(s) per order`);
  const calendar = await tenantWorkingCalendar(manager, order.tenantId);
  const resumesBy = pauseLimitAt(calendar, decidedAt, policy);
  const running: WorkOrderPauseEntity = {
    ...pause,
    ...decided,
    status: 'running',
    startedAt: decidedAt,
    resumesBy,
    dueBefore: handlingDueOf(order),
  };
  await updatePause(manager, pause.id, running);
  const paused: WorkOrderEntity = { ...order, pausedAt: decidedAt };
  await updateWorkOrder(manager, order.id, { pausedAt: decidedAt });
  await syncOverdueTimers(manager, paused);
  await Timers.schedule(manager, { tenantId: order.tenantId, kind: PAUSE_LIMIT_TIMER, key: pause.id, dueAt: resumesBy, payload: { workOrderId: order.id } });
  await announcePause(manager, outbox, paused, running, 'started', decidedAt, who.subject);
  return running;
}

import { EntityManager } from 'typeorm';
import { canActFor, PAUSE_DECIDERS } from '@hotline/handling-domain';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { lockPause } from './clocks.repository';
import { endRunningPause } from './end-pause';
import { WorkOrderPauseEntity } from './work-order-pause.entity';

/**
 * The unit (what it waited for arrived) or the hotline resumes a running pause: the clock runs
 * again and the due moves by the working days it stood still.
 */
export async function resumePause(manager: EntityManager, outbox: Outbox, who: Identity, workOrderId: string, pauseId: string): Promise<WorkOrderPauseEntity> {
  const order = await findVisibleWorkOrder(manager, who, workOrderId, true);
  if (!canActFor(who, order.unitCode) && !who.roles.some((r) => PAUSE_DECIDERS.includes(r)))
    throw ProblemError.forbidden('only staff of the assigned unit or the hotline may resume this clock');
  const pause = await lockPause(manager, order.id, pauseId);
  if (!pause) throw ProblemError.notFound(`pause ${pauseId}`);
  if (pause.status !== 'running') throw ProblemError.conflict(`pause is ${pause.status}; only a running pause can end`);
  const at = new Date();
  await endRunningPause(manager, outbox, order, { kind: 'resumed', by: who.subject, at });
  return { ...pause, status: 'ended', endedAt: at, endedBy: who.subject, endKind: 'resumed' };
}

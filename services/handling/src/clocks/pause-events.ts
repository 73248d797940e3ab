import { EntityManager } from 'typeorm';
import { Events, handlingEventsV1 } from '@hotline/contracts';
import { handlingDueOf } from '@hotline/handling-domain';
import type { Outbox } from '@hotline/platform';
import type { PauseStep } from '@hotline/vocabulary';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { appendWorkOrderEvent } from '../work-orders/work-order-events';
import { WorkOrderPauseEntity } from './work-order-pause.entity';

const iso = (d: Date | null) => d?.toISOString() ?? '';

export function pauseChangedEvent(o: WorkOrderEntity, p: WorkOrderPauseEntity, step: PauseStep, at: Date, by: string): handlingEventsV1.WorkOrderPauseChanged {
  return {
    workOrderId: o.id,
    requestId: o.requestId,
    unitId: o.unitId,
    pauseId: p.id,
    step,
    reason: p.reason,
    status: p.status,
    at: iso(at),
    by,
    endKind: p.endKind ?? '',
    handlingDueAt: iso(handlingDueOf(o)),
    resumesBy: p.status === 'running' ? iso(p.resumesBy) : '',
  };
}

/** Announces a pause's step (WorkOrderPauseChanged) with the order as it is after it, in the caller's transaction. */
export async function announcePause(
  manager: EntityManager,
  outbox: Outbox,
  order: WorkOrderEntity,
  pause: WorkOrderPauseEntity,
  step: PauseStep,
  at: Date,
  by: string,
): Promise<void> {
  await appendWorkOrderEvent(manager, outbox, Events.handling.workOrderPauseChanged, order, pauseChangedEvent(order, pause, step, at, by));
}

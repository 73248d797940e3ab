import { EntityManager } from 'typeorm';
import { maskPersonalData } from '@hotline/privacy';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { recordUrge } from './record-urge';
import { WorkOrderUrge } from './urging.repository';
import { scheduleRepeatUrgeCircular } from './urging-timers';
import { UrgeWorkOrder } from './urging.schemas';

/**
 * 催办 by hand: the hotline reminds the unit of an open order (before its due by phone, as the
 * rule asks, or at any later time). An answered or cancelled order has nothing left to urge.
 * An overdue order urged the tenant's number of times is circulated the next working day.
 */
export async function urgeWorkOrder(manager: EntityManager, outbox: Outbox, who: Identity, workOrderId: string, input: UrgeWorkOrder): Promise<WorkOrderUrge> {
  const order = await findVisibleWorkOrder(manager, who, workOrderId, true);
  if (order.status !== 'awaiting-sign' && order.status !== 'in-progress') throw ProblemError.conflict(`work order is ${order.status}: nothing left to urge`);
  const note = input.note ? maskPersonalData(input.note) : null;
  const urge = await recordUrge(manager, outbox, order, { level: 'reminder', method: input.method, note, by: who.subject, at: new Date() });
  // Reminders are not among the ladder's once-only steps: one is always recorded.
  if (!urge) throw new Error('a reminder was not recorded');
  await scheduleRepeatUrgeCircular(manager, order, urge.urgedAt);
  return urge;
}

import { onTimer, TimerDefinition } from '@hotline/platform';
import { findWorkOrder } from '../work-orders/work-orders.repository';
import { recordUrge } from './record-urge';
import { onUrgingLadder, scheduleRepeatUrgeCircular, scheduleUrgeCircular, URGE_TIMER_KINDS } from './urging-timers';

const SYSTEM = 'system:handling';

/** The working day after a breach: the urging notice (催办通知书), copied to the unit's leader; then the circular's timer. */
const urgeNoticeTimer: TimerDefinition = onTimer(URGE_TIMER_KINDS.notice, async (timer, manager, ctx) => {
  const order = await findWorkOrder(manager, timer.key, true);
  if (!order || !onUrgingLadder(order)) return;
  const notice = await recordUrge(manager, ctx.outbox, order, { level: 'notice', method: 'written', note: null, by: SYSTEM, at: new Date() });
  if (!notice) return;
  await scheduleUrgeCircular(manager, order, timer.dueAt);
  await scheduleRepeatUrgeCircular(manager, order, timer.dueAt);
});

/** Still unanswered the tenant's working days after the notice: a written circular (通报批评). */
const urgeCircularTimer: TimerDefinition = onTimer(URGE_TIMER_KINDS.circular, async (timer, manager, ctx) => {
  const order = await findWorkOrder(manager, timer.key, true);
  if (!order || !onUrgingLadder(order)) return;
  await recordUrge(manager, ctx.outbox, order, { level: 'circular', method: 'written', note: null, by: SYSTEM, at: new Date() });
});

export const urgeLadderTimers: TimerDefinition[] = [urgeNoticeTimer, urgeCircularTimer];

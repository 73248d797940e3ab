import { onTimer, TimerDefinition } from '@hotline/platform';
import { announceSupervision } from './announce-supervision';
import { findSupervision, updateSupervision } from './supervision.repository';

export const SUPERVISION_REPLY_DUE_TIMER = 'supervision-reply-due';

/** The reply's due passed with no reply: the order is marked late (it stays open for the reply). */
export const supervisionReplyDueTimer: TimerDefinition = onTimer(SUPERVISION_REPLY_DUE_TIMER, async (timer, manager, ctx) => {
  const supervision = await findSupervision(manager, timer.key, true);
  if (!supervision || supervision.state !== 'open' || supervision.replyOverdue) return;
  const late = { ...supervision, replyOverdue: true };
  await updateSupervision(manager, late);
  await announceSupervision(manager, ctx.outbox, late, 'reply-overdue', new Date(), 'system:handling');
});

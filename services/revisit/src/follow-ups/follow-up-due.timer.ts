import { onTimer } from '@hotline/platform';
import { followUpActionRefusal, followUpStateAfter } from '@hotline/revisit-domain';
import { systemActor } from '@hotline/vocabulary';
import { changeFollowUp, FOLLOW_UP_DUE_TIMER } from './follow-up-changes';
import { findFollowUp } from './follow-ups.repository';

/**
 * A follow-up's date came: it is due, and its unit is to report progress (FollowUpChanged
 * `due`, which the unit's console and notifications read). A follow-up no longer scheduled (the
 * unit reported early, or it ended) is left as it is.
 */
export const followUpDueTimer = onTimer(FOLLOW_UP_DUE_TIMER, async (timer, manager, ctx) => {
  const followUp = await findFollowUp(manager, timer.key, true);
  if (!followUp || followUpActionRefusal(followUp.id, followUp.state, 'fall-due')) return;
  await changeFollowUp(manager, ctx.outbox, followUp, followUpStateAfter('fall-due'), { at: new Date(), by: systemActor('revisit'), note: '' });
});

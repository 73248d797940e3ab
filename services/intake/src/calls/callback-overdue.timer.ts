import { onTimer, TimerDefinition } from '@hotline/platform';
import { markOverdue } from './callbacks.repository';

/** The durable timer that flags an open callback item overdue at its due (key: the item's id). */
export const CALLBACK_OVERDUE_TIMER = 'callback-overdue';

/** Fires at the due; an item closed meanwhile (its timer cancelled, or closed in the same instant) is left alone. */
export const onCallbackOverdue = onTimer(CALLBACK_OVERDUE_TIMER, async (timer, manager) => {
  await markOverdue(manager, String(timer.payload.callbackId), new Date());
});

export const callTimers: readonly TimerDefinition[] = [onCallbackOverdue];

import { onTimer } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { lockRequest } from '../dispatching/dispatching.repository';
import { NEGOTIATION_DUE_TIMER } from './negotiation-record';
import { appendNegotiationChanged } from './negotiation.events';
import { findNegotiation, saveNegotiation } from './negotiations.repository';

/** The deadline passed with the negotiation still open: it lapses, and the hotline decides. */
export const negotiationDueTimer = onTimer(NEGOTIATION_DUE_TIMER, async (timer, manager, ctx) => {
  const found = await findNegotiation(manager, timer.key);
  if (!found) return;
  await lockRequest(manager, found.requestId);
  const negotiation = await findNegotiation(manager, timer.key, true);
  if (negotiation?.state !== 'open') return;
  const lapsedAt = new Date();
  const lapsed = { ...negotiation, state: 'lapsed' as const, lapsedAt };
  await saveNegotiation(manager, lapsed);
  await appendNegotiationChanged(manager, ctx.outbox, lapsed, systemActor('dispatch'), lapsedAt);
});

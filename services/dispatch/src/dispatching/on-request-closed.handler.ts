import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { isClosedStatus, isRequestStatus } from '@hotline/vocabulary';
import { stopQueueClock } from '../queue-clock/queue-clock';
import { findWaiting, lockRequest, resolveQueueItem } from './dispatching.repository';

/**
 * dispatch--hl-intake-v1--request-status-changed: a request that reached a final status while it
 * waited in the manual queue — transferred to another hotline (转办, ADR 0027), merged or closed —
 * leaves the queue, its clock stopped, so no dispatcher picks it and no warning fires for it.
 */
export const onRequestClosed = onEvent(Events.intake.requestStatusChanged, 'request-status-changed', async (event, manager) => {
  const change = event.payload;
  if (!change.requestId || !isRequestStatus(change.toStatus) || !isClosedStatus(change.toStatus)) return;
  await lockRequest(manager, change.requestId);
  if (!(await findWaiting(manager, change.requestId))) return;
  await resolveQueueItem(manager, change.requestId, new Date(change.at || Date.now()));
  await stopQueueClock(manager, change.requestId);
});

import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { isClosedStatus, isRequestStatus } from '@hotline/vocabulary';
import { cancelWorkOrder } from './cancel-work-order';
import { openOrdersOfRequest } from './work-orders.repository';

/**
 * intake's RequestStatusChanged to a closed status (closed, not-accepted, archived): every order
 * of the request still open — typically an assisting (协办) order nobody waits for any more —
 * is cancelled with its timers, so its unit can no longer act on it and no overdue flag lowers
 * its rates. Later changes of a closed request find nothing open.
 */
export const onRequestClosed = onEvent(Events.intake.requestStatusChanged, 'request-status-changed', async (event, manager, ctx) => {
  const change = event.payload;
  if (!change.requestId || !isRequestStatus(change.toStatus) || !isClosedStatus(change.toStatus)) return;
  const cancelledAt = new Date();
  for (const order of await openOrdersOfRequest(manager, change.requestId)) await cancelWorkOrder(manager, ctx.outbox, order, 'request-closed', cancelledAt);
});

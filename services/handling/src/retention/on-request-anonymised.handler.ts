import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { anonymiseWorkOrders } from './anonymise-work-orders';

/**
 * handling--hl-revisit-v1--retention: revisit's retention run ended a closed request's period
 * (RequestAnonymised): handling removes the identity and free text its work orders hold, as the
 * tenant's policy says (an event without the scope removes both), and erases the orders'
 * attachments. Idempotent through the inbox.
 */
export const onRequestAnonymised = onEvent(Events.revisit.requestAnonymised, 'retention', async (event, manager) => {
  const e = event.payload;
  const at = new Date(e.anonymisedAt);
  await anonymiseWorkOrders(manager, {
    tenantId: event.tenantId,
    requestId: e.requestId,
    at: Number.isNaN(at.getTime()) ? event.publishedAt : at,
    identity: e.identity ?? true,
    freeText: e.freeText ?? true,
  });
});

import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { anonymiseRequest } from './anonymise-request';

/**
 * intake--hl-revisit-v1--retention: revisit's retention run ended a closed request's period
 * (RequestAnonymised): intake removes the requester's identity and the free text it holds, as the
 * tenant's policy says (an event without the scope removes both), and erases its attachments
 * (their bytes deleted by the erasure timers once this commits). Idempotent through the inbox,
 * and harmless if redelivered past it.
 */
export const onRequestAnonymised = onEvent(Events.revisit.requestAnonymised, 'retention', async (event, manager) => {
  const e = event.payload;
  const at = new Date(e.anonymisedAt);
  await anonymiseRequest(manager, {
    tenantId: event.tenantId,
    requestId: e.requestId,
    at: Number.isNaN(at.getTime()) ? event.publishedAt : at,
    identity: e.identity ?? true,
    freeText: e.freeText ?? true,
  });
});

import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { anonymiseDispatches } from './anonymise-dispatches';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * dispatch--hl-revisit-v1--retention: revisit's retention run ended a closed request's period
 * (RequestAnonymised): dispatch removes the identity and free text its briefs, returns,
 * escalations and negotiations hold, as the tenant's policy says (an event without the scope
 * removes both). Idempotent: a second run finds only the marker.
 */
export const onRequestAnonymised = onEvent(Events.revisit.requestAnonymised, 'retention', async (event, manager) => {
  const e = event.payload;
  // dispatch keys requests by uuid: any other id names no request of this service.
  if (!UUID.test(e.requestId)) return;
  await anonymiseDispatches(manager, { requestId: e.requestId, identity: e.identity ?? true, freeText: e.freeText ?? true });
});

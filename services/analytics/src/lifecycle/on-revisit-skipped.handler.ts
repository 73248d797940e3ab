import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { skipOf } from './lifecycle.mappings';
import { recordSkip } from './revisit-facts.repository';

/** A revisit that could not take place (anonymous requester): counted apart, in no rate. */
export const onRevisitSkipped = onEvent(Events.revisit.revisitSkipped, STREAM_CONSUMER, async (event, manager) => {
  await recordSkip(manager, event.tenantId, skipOf(event.payload, event.publishedAt));
});

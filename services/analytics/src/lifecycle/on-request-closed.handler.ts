import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { closureOf } from './lifecycle.mappings';
import { recordClosure } from './request-facts.repository';

/** 办结: when, and whether its revisit was evaluated or skipped. The status itself comes from intake. */
export const onRequestClosed = onEvent(Events.revisit.requestClosed, STREAM_CONSUMER, async (event, manager) => {
  await recordClosure(manager, event.tenantId, closureOf(event.payload, event.publishedAt));
});

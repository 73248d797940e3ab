import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { terminationOf } from './lifecycle.mappings';
import { recordTermination } from './request-facts.repository';

/** 诉求终结: kept and counted apart with its reason; its orders leave the unit's rates where the tenant says so. */
export const onRequestTerminated = onEvent(Events.intake.requestTerminated, STREAM_CONSUMER, async (event, manager) => {
  await recordTermination(manager, event.tenantId, terminationOf(event.payload, event.publishedAt));
});

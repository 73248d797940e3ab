import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { workOrderAnsweredOf } from './lifecycle.mappings';
import { recordAnswer } from './work-order-facts.repository';

/** An answer (also after rework), judged by handling against the ORIGINAL handling due. */
export const onWorkOrderAnswered = onEvent(Events.handling.workOrderAnswered, STREAM_CONSUMER, async (event, manager) => {
  const { ref, answer } = workOrderAnsweredOf(event.payload, event.publishedAt);
  await recordAnswer(manager, event.tenantId, ref, answer);
});

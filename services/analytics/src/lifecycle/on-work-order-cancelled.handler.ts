import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { workOrderCancelledOf } from './lifecycle.mappings';
import { recordCancellation } from './work-order-facts.repository';

/** An order ended without an answer to review (its request closed); the rates judge it up to then. */
export const onWorkOrderCancelled = onEvent(Events.handling.workOrderCancelled, STREAM_CONSUMER, async (event, manager) => {
  const { ref, cancellation } = workOrderCancelledOf(event.payload, event.publishedAt);
  await recordCancellation(manager, event.tenantId, ref, cancellation);
});

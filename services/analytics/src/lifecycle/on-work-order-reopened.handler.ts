import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { workOrderReopenedOf } from './lifecycle.mappings';
import { recordReopening } from './work-order-facts.repository';

/** Review sent the answer back (退回重办): a rework due, the original handling due unchanged. */
export const onWorkOrderReopened = onEvent(Events.handling.workOrderReopened, STREAM_CONSUMER, async (event, manager) => {
  const { ref, reopening } = workOrderReopenedOf(event.payload, event.publishedAt);
  await recordReopening(manager, event.tenantId, ref, reopening);
});

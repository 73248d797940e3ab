import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { workOrderSignedOf } from './lifecycle.mappings';
import { recordSigning } from './work-order-facts.repository';

export const onWorkOrderSigned = onEvent(Events.handling.workOrderSigned, STREAM_CONSUMER, async (event, manager) => {
  const { ref, signing } = workOrderSignedOf(event.payload, event.publishedAt);
  await recordSigning(manager, event.tenantId, ref, signing);
});

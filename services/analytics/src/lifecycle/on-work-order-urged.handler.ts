import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { workOrderUrgedOf } from './lifecycle.mappings';
import { recordUrge } from './work-order-facts.repository';

export const onWorkOrderUrged = onEvent(Events.handling.workOrderUrged, STREAM_CONSUMER, async (event, manager) => {
  const { ref, urge } = workOrderUrgedOf(event.payload, event.publishedAt);
  await recordUrge(manager, event.tenantId, ref, urge);
});

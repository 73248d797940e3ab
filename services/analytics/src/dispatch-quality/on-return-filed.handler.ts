import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { returnFiledOf } from './dispatch-quality.mappings';
import { recordReturn } from './dispatch-quality.repository';

export const onReturnFiled = onEvent(Events.dispatch.returnFiled, STREAM_CONSUMER, async (event, manager) => {
  await recordReturn(manager, event.tenantId, returnFiledOf(event.payload, event.publishedAt));
});

import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { returnDecidedOf } from './dispatch-quality.mappings';
import { recordReturn } from './dispatch-quality.repository';

export const onReturnDecided = onEvent(Events.dispatch.returnDecided, STREAM_CONSUMER, async (event, manager) => {
  const decided = returnDecidedOf(event.payload, event.publishedAt);
  if (decided) await recordReturn(manager, event.tenantId, decided);
});

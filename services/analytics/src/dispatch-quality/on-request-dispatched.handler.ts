import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { zoneForDays } from '../tenant-settings/tenant-time-zones';
import { dispatchAttemptOf } from './dispatch-quality.mappings';
import { recordAttempt } from './dispatch-quality.repository';

export const onRequestDispatched = onEvent(Events.dispatch.requestDispatched, STREAM_CONSUMER, async (event, manager) => {
  const attempt = dispatchAttemptOf(event.payload, event.publishedAt, await zoneForDays(manager, event.tenantId));
  if (attempt) await recordAttempt(manager, event.tenantId, attempt);
});

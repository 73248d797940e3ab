import { Events } from '@hotline/contracts';
import { isNewerStatusChange } from '@hotline/analytics-domain';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { statusChangeOf } from './lifecycle.mappings';
import { lockAppliedStatusSequence, markTerminated, setStatus } from './request-facts.repository';

/** intake owns a request's status: its changes are applied in intake's order, each once. */
export const onRequestStatusChanged = onEvent(Events.intake.requestStatusChanged, STREAM_CONSUMER, async (event, manager) => {
  const change = statusChangeOf(event.payload, event.publishedAt);
  const applied = await lockAppliedStatusSequence(manager, event.tenantId, change.requestId);
  if (isNewerStatusChange(applied, change.sequence)) await setStatus(manager, event.tenantId, change);
  // Terminated stays a fact after the status moves on (archived), whichever change arrives first.
  if (change.status === 'terminated') await markTerminated(manager, event.tenantId, change.requestId, change.at);
});

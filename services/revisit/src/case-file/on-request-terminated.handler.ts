import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { terminateRequest } from '../closure/terminate-request';
import { terminationOf } from '../closure/termination.mapping';

/**
 * revisit--hl-intake-v1--case-file: intake approved a termination (诉求终结, two-person rule). The
 * case file closes as terminated and the request is archived with its termination; see
 * terminateRequest. On the same consumer as the request's RequestAccepted, so its brief is filed
 * first; redelivery is harmless (inbox), and so is a re-publication (kept and archived once).
 */
export const onRequestTerminated = onEvent(Events.intake.requestTerminated, 'case-file', async (event, manager, ctx) => {
  const terminated = event.payload;
  if (!terminated.requestId) throw new Error('RequestTerminated carries no request');
  await terminateRequest(manager, ctx.outbox, event.tenantId, terminated.requestId, terminationOf(terminated, event.publishedAt));
});

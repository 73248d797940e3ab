import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { caseDispatchOf } from './case-file.mapping';
import { recordDispatch } from './case-file.repository';
import { recordBrief } from './record-brief';

/** revisit--hl-dispatch-v1--case-file: each dispatch, with its mode, catalog version and assignments. */
export const onRequestDispatched = onEvent(Events.dispatch.requestDispatched, 'case-file', async (event, manager, ctx) => {
  const dispatched = event.payload;
  if (!dispatched.request?.requestId) throw new Error('RequestDispatched carries no request');
  await recordDispatch(manager, event.tenantId, dispatched.request.requestId, caseDispatchOf(dispatched, event.publishedAt));
  await recordBrief(manager, ctx.outbox, event.tenantId, dispatched.request, 'dispatch');
});

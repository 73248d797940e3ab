import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { recordBrief } from './record-brief';

/** revisit--hl-intake-v1--case-file: the request as intake accepted it. */
export const onRequestAccepted = onEvent(Events.intake.requestAccepted, 'case-file', (event, manager, ctx) =>
  recordBrief(manager, ctx.outbox, event.tenantId, event.payload.request, 'intake'),
);

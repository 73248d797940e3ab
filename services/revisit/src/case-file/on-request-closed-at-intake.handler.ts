import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { closureAtIntake } from '@hotline/revisit-domain';
import { appendToArchive } from '../archive/append-to-archive';
import { intakeClosureOf } from './case-file.mapping';
import { recordBrief } from './record-brief';

/**
 * revisit--hl-intake-v1--case-file: a request intake closed itself (直接办理, or recorded out of
 * scope) is never dispatched nor revisited; it is archived now, with intake's closure.
 */
export const onRequestClosedAtIntake = onEvent(Events.intake.requestClosedAtIntake, 'case-file', async (event, manager, ctx) => {
  const closed = event.payload;
  if (!closed.request?.requestId) throw new Error('RequestClosedAtIntake carries no request');
  await recordBrief(manager, ctx.outbox, event.tenantId, closed.request, 'intake');
  await appendToArchive(manager, ctx.outbox, {
    tenantId: event.tenantId,
    requestId: closed.request.requestId,
    revisit: null,
    closure: closureAtIntake(intakeClosureOf(closed, event.publishedAt)),
  });
});

import { EntityManager } from 'typeorm';
import { Outbox, Timers } from '@hotline/platform';
import { isSampled, skipReasonFor } from '@hotline/revisit-domain';
import { requesterOf, requestTypeOf } from '../case-file/case-file.repository';
import { skipRevisit } from '../closure/skip-revisit';
import { revisitRuleFor } from '../policies/sampling-policies.query';
import { RequestProgressEntity } from './request-progress.entity';
import { saveProgress, wasEvaluated } from './revisits.repository';

/** The durable timer at the end of a request's revisit window (key: the request id). */
export const REVISIT_WINDOW_TIMER = 'revisit-window';

/**
 * The primary answer passed review and the request awaits its revisit: decide whether it is
 * revisited at all, and if so open its window, in the caller's transaction.
 * - An anonymous requester leaves nobody to contact: skipped and closed (the review was the
 *   hotline's own check, Bengbu's rule, domain.md §9.1).
 * - A request evaluated before comes back from 重办: revisited whatever the sampling, since the
 *   second evaluation is the one that counts (Guangzhou 2018).
 * - Otherwise the tenant's rule for its type draws it or not (deterministic, `isSampled`); not
 *   drawn: skipped and closed (`not-sampled`).
 * A drawn request gets its attempts reset and a `revisit-window` timer at the window's end.
 */
export async function startRevisit(manager: EntityManager, outbox: Outbox, tenantId: string, progress: RequestProgressEntity): Promise<void> {
  const anonymous = skipReasonFor(await requesterOf(manager, progress.requestId));
  if (anonymous) {
    await skipRevisit(manager, outbox, tenantId, progress, anonymous);
    return;
  }
  const rule = await revisitRuleFor(manager, await requestTypeOf(manager, progress.requestId));
  const redo = await wasEvaluated(manager, progress.requestId);
  if (!redo && !isSampled(rule.samplePercent, tenantId, progress.requestId)) {
    await skipRevisit(manager, outbox, tenantId, progress, 'not-sampled');
    return;
  }
  progress.attempts = 0;
  await saveProgress(manager, progress);
  await Timers.schedule(manager, {
    tenantId,
    kind: REVISIT_WINDOW_TIMER,
    key: progress.requestId,
    dueAt: new Date(Date.now() + rule.windowHours * 3_600_000),
    payload: { requestId: progress.requestId },
  });
}

import { EntityManager } from 'typeorm';
import { Outbox, Timers } from '@hotline/platform';
import { isSampled, revisitDecision, skipReasonFor } from '@hotline/revisit-domain';
import type { RevisitSkipReason } from '@hotline/vocabulary';
import { requesterOf } from '../case-file/case-file.repository';
import { skipRevisit } from '../closure/skip-revisit';
import { revisitRuleOf } from '../policies/sampling-policies.query';
import { RequestProgressEntity } from './request-progress.entity';
import { saveProgress, wasEvaluated } from './revisits.repository';

/** The durable timer at the end of a request's revisit window (key: the request id). */
export const REVISIT_WINDOW_TIMER = 'revisit-window';

/**
 * The primary answer passed review and the request awaits its revisit: decide whether it is
 * revisited at all, and if so open its window, in the caller's transaction. The tenant's rule
 * for the request's type and channel kind decides (`revisitDecision`):
 * - An anonymous requester leaves nobody to contact: skipped and closed under a `skip` rule;
 *   under a `hotline-check` rule, if drawn, the hotline checks it itself (Bengbu, domain.md §9.1).
 * - A request evaluated before comes back from 重办: revisited whatever the sampling, since the
 *   second evaluation is the one that counts (Guangzhou 2018).
 * - Otherwise the rule draws it or not (deterministic, `isSampled`); not drawn: skipped and
 *   closed (`not-sampled`).
 * A drawn request gets its attempts reset and a `revisit-window` timer at the window's end.
 */
export async function startRevisit(manager: EntityManager, outbox: Outbox, tenantId: string, progress: RequestProgressEntity): Promise<void> {
  const anonymous = skipReasonFor(await requesterOf(manager, progress.requestId)) !== null;
  const rule = await revisitRuleOf(manager, progress.requestId);
  const redo = await wasEvaluated(manager, progress.requestId);
  const decision = revisitDecision({ anonymous, rule, redo, sampled: isSampled(rule.samplePercent, tenantId, progress.requestId) });
  if (!decision.revisit) {
    await skipRevisit(manager, outbox, tenantId, progress, decision.skipReason);
    return;
  }
  progress.attempts = 0;
  progress.hotlineCheck = decision.hotlineCheck;
  await saveProgress(manager, progress);
  await Timers.schedule(manager, {
    tenantId,
    kind: REVISIT_WINDOW_TIMER,
    key: progress.requestId,
    dueAt: new Date(Date.now() + rule.windowHours * 3_600_000),
    payload: { requestId: progress.requestId },
  });
}

/**
 * A brief reaching revisit only after the request was drawn says the requester is anonymous:
 * under a `hotline-check` rule the waiting revisit becomes the hotline's own check (its window
 * runs on); otherwise it is skipped, as it would have been at the decision.
 */
export async function anonymousFoundLate(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  progress: RequestProgressEntity,
  reason: RevisitSkipReason,
): Promise<void> {
  if (progress.status !== 'awaiting-revisit' || progress.hotlineCheck) return;
  const rule = await revisitRuleOf(manager, progress.requestId);
  if (rule.anonymous !== 'hotline-check') {
    await skipRevisit(manager, outbox, tenantId, progress, reason);
    return;
  }
  progress.hotlineCheck = true;
  await saveProgress(manager, progress);
}

import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Identity, Outbox, ProblemError, Timers } from '@hotline/platform';
import { closingBasis, methodRefusal, revisitRefusal } from '@hotline/revisit-domain';
import { requesterOf } from '../case-file/case-file.repository';
import { skipRevisit } from '../closure/skip-revisit';
import { revisitRuleOf } from '../policies/sampling-policies.query';
import { RecordAttempt } from './revisits.schemas';
import { findProgress, insertAttempt, saveProgress } from './revisits.repository';
import { REVISIT_WINDOW_TIMER } from './start-revisit';

export interface AttemptOutcome {
  requestId: string;
  attempt: number;
  maxAttempts: number;
  /** The attempts are exhausted: the request closed without an evaluation. */
  closed: boolean;
}

/**
 * Records one revisit attempt that reached nobody, with RevisitAttempted. The tenant's last
 * allowed attempt exhausts the revisit: by the closing rule the request closes unevaluated
 * (RevisitSkipped `attempts-exhausted`, RequestClosed, RequestArchived), in the same transaction.
 */
export async function recordAttempt(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  requestId: string,
  input: RecordAttempt,
): Promise<AttemptOutcome> {
  const progress = await findProgress(manager, requestId, true);
  if (!progress) throw ProblemError.notFound(`request ${requestId}`);
  if (progress.hotlineCheck && progress.status === 'awaiting-revisit')
    throw ProblemError.conflict(`request ${requestId} is anonymous and checked by the hotline itself: nobody to call; record the check with POST /v1/revisits (respondent hotline)`);
  const refusal = revisitRefusal(requestId, progress, progress.hotlineCheck ? null : await requesterOf(manager, requestId));
  if (refusal) throw ProblemError.conflict(refusal);
  const rule = await revisitRuleOf(manager, requestId);
  const badMethod = methodRefusal(rule, input.method);
  if (badMethod) throw ProblemError.validation([{ field: 'method', message: badMethod }]);
  const attemptedAt = new Date();
  progress.attempts += 1;
  progress.updatedAt = attemptedAt;
  await saveProgress(manager, progress);
  await insertAttempt(manager, { tenantId: who.tenantId, requestId, attempt: progress.attempts, method: input.method, attemptedAt, attemptedBy: who.subject });
  await outbox.append(manager, {
    event: Events.revisit.revisitAttempted,
    tenantId: who.tenantId,
    aggregateType: 'request',
    aggregateId: requestId,
    payload: {
      requestId,
      attempt: progress.attempts,
      method: input.method,
      attemptedAt: attemptedAt.toISOString(),
      attemptedBy: who.subject,
      unitId: progress.primaryUnitId,
    },
  });
  const exhausted = progress.attempts >= rule.maxAttempts;
  const closes = closingBasis({ revisitRequired: true, evaluation: null, judgement: null, attemptsExhausted: exhausted }) !== null;
  if (closes) {
    await Timers.cancel(manager, REVISIT_WINDOW_TIMER, requestId);
    await skipRevisit(manager, outbox, who.tenantId, progress, 'attempts-exhausted');
  }
  return { requestId, attempt: progress.attempts, maxAttempts: rule.maxAttempts, closed: closes };
}

import { onTimer } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { skipRevisit } from '../closure/skip-revisit';
import { revisitRuleOf } from '../policies/sampling-policies.query';
import { recordEvaluation } from './record-revisit.command';
import { findProgress } from './revisits.repository';
import { REVISIT_WINDOW_TIMER } from './start-revisit';

/**
 * The revisit window ended without an evaluation. Where the tenant sets a default evaluation
 * (Nanchong's web board: no evaluation within 10 days → 满意, domain.md §9.1) the system records
 * it (method `online`, the channel that rule is about; `defaulted`); otherwise the window is the
 * last of its attempts and the request closes unevaluated (`attempts-exhausted`). A hotline check
 * gets no default (it asked nobody): its window's end closes it unchecked. A request no
 * longer awaiting its revisit (evaluated, closed) is left as it is.
 */
export const revisitWindowTimer = onTimer(REVISIT_WINDOW_TIMER, async (timer, manager, ctx) => {
  const progress = await findProgress(manager, timer.key, true);
  if (!progress || progress.status !== 'awaiting-revisit') return;
  const rule = await revisitRuleOf(manager, progress.requestId);
  const at = new Date().toISOString();
  // The default stands in for a requester who did not answer; a hotline check asked nobody.
  if (rule.defaultEvaluation && !progress.hotlineCheck) {
    await recordEvaluation(manager, ctx.outbox, timer.tenantId, progress, {
      method: 'online',
      ...rule.defaultEvaluation,
      respondent: null,
      defaulted: true,
      recordedAt: at,
      recordedBy: systemActor('revisit'),
    });
    return;
  }
  await skipRevisit(manager, ctx.outbox, timer.tenantId, progress, 'attempts-exhausted');
});

import { revisitEventsV1, Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { actorOr, applyLifecycleStep, eventInstant, LifecycleStep, statedRole, TIMELINE } from './lifecycle-step';

/** AnswerReviewed that passed the primary order's answer → reviewed (review-passed), by the reviewer. */
export function answerReviewedStep(e: revisitEventsV1.AnswerReviewed, receivedAt: Date): LifecycleStep {
  return {
    requestId: e.requestId,
    fact: {
      kind: 'answer-reviewed',
      at: eventInstant(e.reviewedAt, receivedAt),
      unitId: e.unitId,
      role: statedRole(e.role),
      passed: e.passed,
      entityId: e.reviewId,
    },
    actor: actorOr(e.reviewedBy, 'revisit'),
    note: e.passed ? 'review passed' : 'review failed',
  };
}

export const onAnswerReviewed = onEvent(Events.revisit.answerReviewed, TIMELINE, (event, manager, ctx) =>
  applyLifecycleStep(manager, ctx.outbox, event, answerReviewedStep(event.payload, event.publishedAt)),
);

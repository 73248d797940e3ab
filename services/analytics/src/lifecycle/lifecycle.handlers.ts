import { onAnswerReviewed } from './on-answer-reviewed.handler';
import { onEvaluationJudged } from './on-evaluation-judged.handler';
import { onRequestAccepted } from './on-request-accepted.handler';
import { onRequestClosedAtIntake } from './on-request-closed-at-intake.handler';
import { onRequestClosed } from './on-request-closed.handler';
import { onRequestStatusChanged } from './on-request-status-changed.handler';
import { onRequestTerminated } from './on-request-terminated.handler';
import { onRevisitRecorded } from './on-revisit-recorded.handler';
import { onRevisitSkipped } from './on-revisit-skipped.handler';
import { onWorkOrderAnswered } from './on-work-order-answered.handler';
import { onWorkOrderCancelled } from './on-work-order-cancelled.handler';
import { onWorkOrderCreated } from './on-work-order-created.handler';
import { onWorkOrderDuesRecomputed } from './on-work-order-dues-recomputed.handler';
import { onWorkOrderOverdue } from './on-work-order-overdue.handler';
import { onWorkOrderReopened } from './on-work-order-reopened.handler';
import { onWorkOrderSigned } from './on-work-order-signed.handler';
import { onSupervisionChanged } from './on-supervision-changed.handler';
import { onWorkOrderUrged } from './on-work-order-urged.handler';

/**
 * The lifecycle read model's handlers. The status comes from intake only; dispatch's events
 * and RequestArchived are tallied and change no fact here.
 */
export const lifecycleHandlers = [
  onRequestStatusChanged,
  onRequestAccepted,
  onRequestClosedAtIntake,
  onRequestTerminated,
  onWorkOrderCreated,
  onWorkOrderSigned,
  onWorkOrderAnswered,
  onWorkOrderOverdue,
  onWorkOrderReopened,
  onWorkOrderCancelled,
  onWorkOrderDuesRecomputed,
  onWorkOrderUrged,
  onSupervisionChanged,
  onAnswerReviewed,
  onRevisitRecorded,
  onEvaluationJudged,
  onRevisitSkipped,
  onRequestClosed,
];

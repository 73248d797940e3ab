import type { EventHandlerDefinition } from '@hotline/platform';
import { onAnswerReviewed } from './on-answer-reviewed.handler';
import { onRequestArchived } from './on-request-archived.handler';
import { onRequestClosed } from './on-request-closed.handler';
import { onRequestDispatched } from './on-request-dispatched.handler';
import { onRequestQueued } from './on-request-queued.handler';
import { onNegotiationChanged } from './on-negotiation-changed.handler';
import { onReturnDecided } from './on-return-decided.handler';
import { onReturnFiled } from './on-return-filed.handler';
import { onRevisitRecorded } from './on-revisit-recorded.handler';
import { onRevisitSkipped } from './on-revisit-skipped.handler';
import { onWorkOrderAnswered } from './on-work-order-answered.handler';
import { onWorkOrderCancelled } from './on-work-order-cancelled.handler';
import { onExtensionDecided, onPauseChanged } from './on-work-order-clock-changed.handler';
import { onWorkOrderCreated } from './on-work-order-created.handler';
import { onWorkOrderOverdue } from './on-work-order-overdue.handler';
import { onWorkOrderReopened } from './on-work-order-reopened.handler';
import { onWorkOrderSigned } from './on-work-order-signed.handler';

/**
 * intake's timeline handlers. Several per producer on the one purpose `timeline`, so each
 * producer's durable consumer (intake--hl-<producer>-v1--timeline) keeps reading its whole stream.
 */
export const timelineHandlers: readonly EventHandlerDefinition[] = [
  onRequestQueued,
  onRequestDispatched,
  onReturnFiled,
  onReturnDecided,
  onNegotiationChanged,
  onWorkOrderCreated,
  onWorkOrderSigned,
  onWorkOrderAnswered,
  onWorkOrderOverdue,
  onExtensionDecided,
  onPauseChanged,
  onWorkOrderReopened,
  onWorkOrderCancelled,
  onAnswerReviewed,
  onRevisitRecorded,
  onRevisitSkipped,
  onRequestClosed,
  onRequestArchived,
];

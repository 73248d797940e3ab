import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { answerReviewedOf } from './lifecycle.mappings';
import { recordReview } from './work-order-facts.repository';

/** 复核 of one order's answer. */
export const onAnswerReviewed = onEvent(Events.revisit.answerReviewed, STREAM_CONSUMER, async (event, manager) => {
  const { ref, review } = answerReviewedOf(event.payload, event.publishedAt);
  await recordReview(manager, event.tenantId, ref, review);
});

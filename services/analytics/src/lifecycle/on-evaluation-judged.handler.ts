import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { judgementOf } from './lifecycle.mappings';
import { recordJudgement } from './revisit-facts.repository';

/** 合理差评 or not: an unreasonable one leaves 满意率's denominator, a reasonable one is a round of 重办. */
export const onEvaluationJudged = onEvent(Events.revisit.evaluationJudged, STREAM_CONSUMER, async (event, manager) => {
  await recordJudgement(manager, event.tenantId, judgementOf(event.payload, event.publishedAt));
});

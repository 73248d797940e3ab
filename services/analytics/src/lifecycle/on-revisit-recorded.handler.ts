import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { evaluationOf } from './lifecycle.mappings';
import { recordEvaluation } from './revisit-facts.repository';

/** An evaluation (解决? 满意?) of the primary unit's answer; the request's latest one counts. */
export const onRevisitRecorded = onEvent(Events.revisit.revisitRecorded, STREAM_CONSUMER, async (event, manager) => {
  await recordEvaluation(manager, event.tenantId, evaluationOf(event.payload, event.publishedAt));
});

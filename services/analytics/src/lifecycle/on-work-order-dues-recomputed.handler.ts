import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { workOrderDuesRecomputedOf } from './lifecycle.mappings';
import { recordRecomputedDues } from './work-order-facts.repository';

/** Provisional dues computed again once the year's holidays were loaded: the rates use the new ones. */
export const onWorkOrderDuesRecomputed = onEvent(Events.handling.workOrderDuesRecomputed, STREAM_CONSUMER, async (event, manager) => {
  const { ref, dues } = workOrderDuesRecomputedOf(event.payload);
  await recordRecomputedDues(manager, event.tenantId, ref, dues);
});

import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { zoneForDays } from '../tenant-settings/tenant-time-zones';
import { workOrderCreatedOf } from './lifecycle.mappings';
import { recordCreation } from './work-order-facts.repository';

/** A unit's order: its unit, category, receipt day, and the sign-for and original handling dues. */
export const onWorkOrderCreated = onEvent(Events.handling.workOrderCreated, STREAM_CONSUMER, async (event, manager) => {
  const { ref, creation } = workOrderCreatedOf(event.payload, event.publishedAt, await zoneForDays(manager, event.tenantId));
  await recordCreation(manager, event.tenantId, ref, creation);
});

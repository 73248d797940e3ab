import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { zoneForDays } from '../tenant-settings/tenant-time-zones';
import { requestAttributesOf } from './lifecycle.mappings';
import { recordAttributes } from './request-facts.repository';

/** An in-scope request: its type, urgency, category, area, channel, receipt day (the tenant's local day) and anonymity. */
export const onRequestAccepted = onEvent(Events.intake.requestAccepted, STREAM_CONSUMER, async (event, manager) => {
  await recordAttributes(manager, event.tenantId, requestAttributesOf(event.payload.request, await zoneForDays(manager, event.tenantId)));
});

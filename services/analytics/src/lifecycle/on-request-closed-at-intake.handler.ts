import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { zoneForDays } from '../tenant-settings/tenant-time-zones';
import { intakeClosureOf, requestAttributesOf } from './lifecycle.mappings';
import { recordAttributes, recordIntakeClosure } from './request-facts.repository';

/** A request answered at once (直接办理) or out of scope: its attributes, and how it closed. */
export const onRequestClosedAtIntake = onEvent(Events.intake.requestClosedAtIntake, STREAM_CONSUMER, async (event, manager) => {
  const closure = intakeClosureOf(event.payload, event.publishedAt);
  await recordAttributes(manager, event.tenantId, requestAttributesOf(event.payload.request, await zoneForDays(manager, event.tenantId)));
  await recordIntakeClosure(manager, event.tenantId, closure);
});

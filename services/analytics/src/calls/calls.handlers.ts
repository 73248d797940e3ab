import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { holdTenantDays, zoneForDays } from '../tenant-settings/tenant-time-zones';
import { markCallFact, recordCallbackFact, recordCallFact } from './call-facts.repository';
import { openedCallbackOf, outcomeMarkOf, recordedCallOf, resolvedCallbackOf } from './calls.mappings';

// intake's call events on the read model's consumer of intake's stream, each applied with its
// inbox row in one transaction (a redelivery changes nothing), the tenant's days held so a
// change of its time zone never interleaves (ADR 0038).

/** A call that entered an agent queue, counted on its local day and queue; the callback item it opened. */
export const onCallRecorded = onEvent(Events.intake.callRecorded, STREAM_CONSUMER, async (event, manager) => {
  const zone = await zoneForDays(manager, event.tenantId);
  await recordCallFact(manager, event.tenantId, recordedCallOf(event.payload, zone));
  const opened = openedCallbackOf(event.payload, zone);
  if (opened) await recordCallbackFact(manager, event.tenantId, opened);
});

/** What an agent marked an answered call as: a non-request outcome is counted apart. */
export const onCallOutcomeChanged = onEvent(Events.intake.callOutcomeChanged, STREAM_CONSUMER, async (event, manager) => {
  await holdTenantDays(manager, event.tenantId);
  await markCallFact(manager, event.tenantId, outcomeMarkOf(event.payload, event.publishedAt));
});

/** A callback item closed: reached or caller-returned counts as done. */
export const onCallbackResolved = onEvent(Events.intake.callbackResolved, STREAM_CONSUMER, async (event, manager) => {
  const zone = await zoneForDays(manager, event.tenantId);
  await recordCallbackFact(manager, event.tenantId, resolvedCallbackOf(event.payload, event.publishedAt, zone));
});

export const callHandlers = [onCallRecorded, onCallOutcomeChanged, onCallbackResolved];

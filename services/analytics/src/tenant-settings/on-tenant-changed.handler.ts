import { Events } from '@hotline/contracts';
import { DEFAULT_TIME_ZONE, normalizeTimeZone } from '@hotline/calendar';
import { instantOrNull } from '@hotline/analytics-domain';
import { onEvent } from '@hotline/platform';
import { UnusableEventError } from '../lifecycle/lifecycle.mappings';
import { STREAM_CONSUMER } from '../stream-consumers';
import { changeTenantTimeZone } from './tenant-time-zones';

/**
 * A tenant registered or changed (intake's TenantChanged, on the read model's own consumer so it
 * comes in stream order with the tenant's other intake events): its time zone becomes the zone
 * of its days, and the days stored so far are counted again when it differs (ADR 0038). The
 * platform's tenant directory keeps the rest of the tenant (name, status) from the same event.
 */
export const onTenantChangedTimeZone = onEvent(Events.intake.tenantChanged, STREAM_CONSUMER, async (event, manager) => {
  const tenant = event.payload.tenant;
  if (!tenant?.code) throw new UnusableEventError('tenant.code is empty');
  // The event of a tenant is on its own subject; one naming another tenant would write across tenants.
  if (tenant.code !== event.tenantId) throw new UnusableEventError(`tenant ${tenant.code} announced on ${event.tenantId}'s subject`);
  let timeZone: string;
  try {
    timeZone = normalizeTimeZone(tenant.timeZone || DEFAULT_TIME_ZONE);
  } catch {
    throw new UnusableEventError(`time_zone "${tenant.timeZone}" is not an IANA time zone`);
  }
  await changeTenantTimeZone(manager, event.tenantId, timeZone, instantOrNull(event.payload.changedAt) ?? event.publishedAt);
});

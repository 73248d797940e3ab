import type { intakeEventsV1 } from '@hotline/contracts';
import type { DirectoryTenant } from '@hotline/platform';

export function toTenantView(t: DirectoryTenant) {
  return {
    code: t.code,
    name: t.name,
    kind: t.kind,
    regionCode: t.regionCode,
    timeZone: t.timeZone,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    changedAt: t.changedAt.toISOString(),
    changedBy: t.changedBy,
  };
}

export function tenantChangedEvent(t: DirectoryTenant): intakeEventsV1.TenantChanged {
  return {
    tenant: { code: t.code, name: t.name, kind: t.kind, regionCode: t.regionCode, timeZone: t.timeZone, status: t.status, createdAt: t.createdAt.toISOString() },
    changedAt: t.changedAt.toISOString(),
    changedBy: t.changedBy,
  };
}

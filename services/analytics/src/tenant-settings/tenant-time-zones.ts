import { EntityManager } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '@hotline/calendar';
import { rebuildRollups } from '../rollups/rollups.repository';
import { rebucketCallDays } from '../calls/call-facts.repository';

// A tenant's time zone as analytics counts its days in (ADR 0038): `tenant_settings.time_zone`,
// kept from intake's TenantChanged by the read model's own consumer; Asia/Shanghai until one
// arrives. Every stored local day of the tenant's facts (receipt days, order days, dispatch and
// transfer days, call days) is in this zone, so a report's days and its instants agree.

/** The lock key of a tenant's days: consumers that write days hold it shared, a change of zone exclusively. */
const dayLockKey = (tenantId: string) => `days|${tenantId}`;

/**
 * Holds the tenant's days still until the transaction ends: an event that writes a local day
 * (or a rollup keyed by one) takes it shared, so a change of the tenant's zone, which takes it
 * exclusively and re-derives every stored day, never interleaves with it (it would write a day
 * in the old zone after the re-derivation, or a rollup delta across both).
 */
export async function holdTenantDays(m: EntityManager, tenantId: string): Promise<void> {
  await m.query(`select pg_advisory_xact_lock_shared(hashtextextended($1, 29))`, [dayLockKey(tenantId)]);
}

/** The zone the tenant's days are counted in, read without a lock (reports, the schedule). */
export async function tenantTimeZone(m: EntityManager, tenantId: string): Promise<string> {
  const [row]: Array<{ time_zone: string }> = await m.query(`select time_zone from tenant_settings where tenant_id = $1`, [tenantId]);
  return row?.time_zone ?? DEFAULT_TIME_ZONE;
}

/** The zone to write a local day in: the days held (holdTenantDays) until the event's transaction ends. */
export async function zoneForDays(m: EntityManager, tenantId: string): Promise<string> {
  await holdTenantDays(m, tenantId);
  return tenantTimeZone(m, tenantId);
}

/**
 * Records the tenant's zone as of `changedAt` (an older TenantChanged arriving late changes
 * nothing) and, when it differs from the zone the days were counted in, re-derives them, all
 * under the exclusive lock of the tenant's days. Returns whether the zone changed.
 */
export async function changeTenantTimeZone(m: EntityManager, tenantId: string, timeZone: string, changedAt: Date): Promise<boolean> {
  await m.query(`select pg_advisory_xact_lock(hashtextextended($1, 29))`, [dayLockKey(tenantId)]);
  const before = await tenantTimeZone(m, tenantId);
  const saved: unknown[] = await m.query(
    `insert into tenant_settings (tenant_id, time_zone, changed_at, updated_at) values ($1, $2, $3, now())
     on conflict (tenant_id) do update set time_zone = excluded.time_zone, changed_at = excluded.changed_at, updated_at = now()
     where tenant_settings.changed_at <= excluded.changed_at
     returning tenant_id`,
    [tenantId, timeZone, changedAt],
  );
  if (saved.length === 0 || before === timeZone) return false;
  await rebucketTenantDays(m, tenantId, timeZone);
  return true;
}

/**
 * Every stored local day of the tenant, counted again in `timeZone` from the instant it is the
 * day of, and the rollups keyed by them rebuilt. A zone is set once when a tenant is registered
 * (before it has facts), so this does work only when a tenant's zone is corrected, or once at the
 * upgrade for tenants outside Asia/Shanghai. The caller holds the tenant's days exclusively.
 */
export async function rebucketTenantDays(m: EntityManager, tenantId: string, timeZone: string): Promise<void> {
  const changed = async (sql: string, params: unknown[] = [tenantId, timeZone]) => ((await m.query(sql, params)) as [unknown[], number])[1] > 0;
  const day = (instant: string) => `(${instant} at time zone $2)::date`;
  let lifecycle = await changed(
    `update request_facts q set day = ${day('q.received_at')}
     where q.tenant_id = $1 and q.received_at is not null and q.day is distinct from ${day('q.received_at')}`,
  );
  // An order's day is its request's receipt day (a revisit has none of its own: it is read through its request's).
  lifecycle =
    (await changed(
      `update work_order_facts o set day = q.day from request_facts q
       where o.tenant_id = $1 and q.tenant_id = o.tenant_id and q.request_id = o.request_id and q.day is not null and o.day is distinct from q.day`,
      [tenantId],
    )) || lifecycle;
  await m.query(
    `update linkage_transfer_facts set day = ${day('offered_at')} where tenant_id = $1 and day is distinct from ${day('offered_at')}`,
    [tenantId, timeZone],
  );
  await m.query(
    `update dispatch_attempt_facts set day = ${day('dispatched_at')} where tenant_id = $1 and day is distinct from ${day('dispatched_at')}`,
    [tenantId, timeZone],
  );
  if (lifecycle) await rebuildRollups(m, tenantId);
  await rebucketCallDays(m, tenantId, timeZone);
}

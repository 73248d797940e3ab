import { EntityManager } from 'typeorm';
import { REQUESTER_CONTACT_PURPOSES } from '@hotline/vocabulary';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

export const PHONE_FIELD = 'requester.phone';

export interface RevealsToday {
  /** Reveals the user made since the tenant's local day began. */
  made: number;
  /** When the tenant's next local day begins: the count starts again. */
  resetsAt: Date;
}

/**
 * A user's phone reveals of the tenant's local day (its time zone in the directory; Asia/Shanghai
 * when unknown), counted from the access log itself: the record of the reveals is the counter,
 * so there is nothing to keep in step. A telephony system's resolutions are logged under its
 * own subject, on the user's behalf, and are not reveals to the user.
 */
export async function revealsToday(manager: EntityManager, tenantId: string, subject: string): Promise<RevealsToday> {
  const [row]: Array<{ made: number; resets_at: Date }> = await manager.query(
    `with zone as (select coalesce((select time_zone from tenant_directory where code = $1), 'Asia/Shanghai') as tz),
          day as (select date_trunc('day', now() at time zone zone.tz) at time zone zone.tz as starts,
                         (date_trunc('day', now() at time zone zone.tz) + interval '1 day') at time zone zone.tz as ends from zone)
     select (select count(*)::int from pii_access_log l, day
              where l.subject = $2 and l.on_behalf_of is null and l.purpose = any($3) and $4 = any(l.fields) and l.at >= day.starts) as made,
            day.ends as resets_at
       from day`,
    [tenantId, subject, REQUESTER_CONTACT_PURPOSES, PHONE_FIELD],
  );
  return { made: row?.made ?? 0, resetsAt: new Date(row?.resets_at ?? Date.now()) };
}

/**
 * Serialises one user's reveals until the transaction ends, so that two at once cannot both
 * take the last one left (the count is read after the lock).
 */
export async function lockRevealsOf(manager: EntityManager, tenantId: string, subject: string): Promise<void> {
  await manager.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`contact-reveal:${tenantId}:${subject}`]);
}

import { EntityManager } from 'typeorm';
import { DEFAULT_TIME_ZONE, localDateOf } from '@hotline/calendar';
import type { ReceivedEvent } from '@hotline/platform';

export interface Tally {
  eventType: string;
  day: string;
  count: number;
}

/**
 * Counts one event into the tenant's day. Runs inside the consumer's inbox transaction, so a
 * redelivered event is never counted twice. Days are local to Asia/Shanghai until tenant time
 * zones reach analytics with the tenant directory.
 */
export async function countEvent(event: ReceivedEvent, manager: EntityManager): Promise<void> {
  await manager.query(
    `insert into event_tallies (tenant_id, event_type, day, count) values ($1, $2, $3, 1)
     on conflict (tenant_id, event_type, day) do update set count = event_tallies.count + 1`,
    [event.tenantId, event.type, localDateOf(event.publishedAt, DEFAULT_TIME_ZONE)],
  );
}

/** The tenant's tallies (row-level security scopes them), optionally within inclusive days. */
export async function listTallies(manager: EntityManager, from?: string, to?: string): Promise<Tally[]> {
  const rows: Array<{ event_type: string; day: string; count: string }> = await manager.query(
    `select event_type, to_char(day, 'YYYY-MM-DD') as day, count from event_tallies
     where ($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)
     order by day, event_type`,
    [from ?? null, to ?? null],
  );
  return rows.map((r) => ({ eventType: r.event_type, day: r.day, count: Number(r.count) }));
}

import { EntityManager } from 'typeorm';
import type { Page } from '@hotline/platform';
import { counterShard } from '../common/counter-shard';
import type { DayRange } from '../common/day-range.schemas';

export interface Tally {
  eventType: string;
  day: string;
  count: number;
}

const IN_DAYS = `($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)`;

export async function incrementTally(m: EntityManager, tenantId: string, eventType: string, day: string): Promise<void> {
  await m.query(
    `insert into event_tallies (tenant_id, event_type, day, shard, count) values ($1, $2, $3, $4, 1)
     on conflict (tenant_id, event_type, day, shard) do update set count = event_tallies.count + 1`,
    [tenantId, eventType, day, counterShard()],
  );
}

/** The tenant's tallies (row-level security scopes them) within the inclusive days, by day then type; all of them without a page. */
export async function listTallies(m: EntityManager, days: DayRange, page?: Page): Promise<Tally[]> {
  const rows: Array<{ event_type: string; day: string; count: string }> = await m.query(
    `select event_type, to_char(day, 'YYYY-MM-DD') as day, sum(count) as count from event_tallies
     where ${IN_DAYS} group by event_type, day order by day, event_type limit $3 offset $4`,
    [days.from ?? null, days.to ?? null, page?.limit ?? null, page?.offset ?? 0],
  );
  return rows.map((r) => ({ eventType: r.event_type, day: r.day, count: Number(r.count) }));
}

export async function countTallies(m: EntityManager, days: DayRange): Promise<number> {
  const [row]: Array<{ n: number }> = await m.query(`select count(distinct (event_type, day))::int as n from event_tallies where ${IN_DAYS}`, [
    days.from ?? null,
    days.to ?? null,
  ]);
  return row?.n ?? 0;
}

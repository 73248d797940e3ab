import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter that every event of a kind increments (a day's tally of an event type, a category ×
 * area's day under a surge) is spread over shards, rows summed when read (issue 18). One row took
 * every increment: each waited for the one before it to commit, and left a dead version behind
 * that the next had to step over, until the analytics database spent most of the machine on it.
 * And a surge's first requests are read in index order.
 */
export class ShardedCounters1764300004730 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const [table, key] of [
      ['event_tallies', 'tenant_id, event_type, day'],
      ['hotspot_daily_volumes', 'tenant_id, category_code, area_code, day'],
    ]) {
      await q.query(`alter table ${table} add column shard smallint not null default 0`);
      await q.query(`alter table ${table} drop constraint ${table}_pkey`);
      await q.query(`alter table ${table} add primary key (${key}, shard)`);
    }
    // The first requests of a surge's window, in (received_at, request_id) order, read from the index with no sort.
    await q.query(`drop index hotspot_requests_key`);
    await q.query(`create index hotspot_requests_key on hotspot_requests (tenant_id, category_code, area_code, received_at, request_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index hotspot_requests_key`);
    await q.query(`create index hotspot_requests_key on hotspot_requests (tenant_id, category_code, area_code, received_at)`);
    for (const [table, key] of [
      ['event_tallies', 'tenant_id, event_type, day'],
      ['hotspot_daily_volumes', 'tenant_id, category_code, area_code, day'],
    ]) {
      await q.query(`create temporary table merged as select ${key}, sum(count) as count from ${table} group by ${key}`);
      await q.query(`delete from ${table}`);
      await q.query(`alter table ${table} drop constraint ${table}_pkey`);
      await q.query(`alter table ${table} drop column shard`);
      await q.query(`insert into ${table} (${key}, count) select ${key}, count from merged`);
      await q.query(`drop table merged`);
      await q.query(`alter table ${table} add primary key (${key})`);
    }
  }
}

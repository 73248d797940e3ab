import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, tenantIsolationSql } from '@hotline/platform';
import { ROLLUP_COUNTS, sqlTypeOf } from '../rollups/rollup-columns';
import { rebuildAllTenantsSql } from '../rollups/rollups.repository';

const COUNT_COLUMNS = ROLLUP_COUNTS.map((c) => `${c} ${sqlTypeOf(c)} not null default 0`).join(',\n        ');

/**
 * Rollups of the rates, rankings, province figures and hotspot view (issue 17), kept by the
 * lifecycle consumers: additive counts per tenant × dimension × receipt day (see
 * rollups/rollup-columns.ts). A consumer never updates a shared row: it appends what its event
 * changed (the new contribution of the request less the old) to rate_rollup_deltas, in the
 * event's own transaction, and a worker folds the deltas into rate_rollups; a read sums both,
 * so it is exact whenever it runs. The orders still open and the requests with one (whose
 * lateness depends on the time the rates are read at) are kept apart as one narrow row each,
 * with the instants that decide it, rewritten with their request's facts.
 *
 * Existing facts are rolled up here, every tenant at once (the same statement as `rollups rebuild`).
 */
export class RateRollups1764300005900 implements MigrationInterface {
  name = 'RateRollups1764300005900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table rate_rollups (
        tenant_id text not null,
        dimension text not null,
        day date,
        key1 text,
        key2 text,
        terminated boolean not null,
        ${COUNT_COLUMNS}
      )`);
    // A key may be unknown (null): null is one key, as the rates' "(unknown)" group is.
    await q.query(`create unique index rate_rollups_key on rate_rollups (tenant_id, dimension, day, key1, key2, terminated) nulls not distinct`);
    await q.query(`
      create table rate_rollup_deltas (
        seq bigserial primary key,
        tenant_id text not null,
        dimension text not null,
        day date,
        key1 text,
        key2 text,
        terminated boolean not null,
        ${COUNT_COLUMNS}
      )`);
    await q.query(`create index rate_rollup_deltas_read on rate_rollup_deltas (tenant_id, dimension, day)`);
    await q.query(`create index rate_rollup_deltas_fold on rate_rollup_deltas (tenant_id, seq)`);
    // The orders still open and the requests with one: what the rates read at `now` (few, narrow rows).
    await q.query(`
      create table rate_open_orders (
        tenant_id text not null,
        work_order_id text not null,
        request_id text,
        day date,
        unit_id text,
        category_code text,
        area_code text,
        terminated boolean not null,
        sign_due_at timestamptz,
        handle_due_at timestamptz,
        primary key (tenant_id, work_order_id)
      )`);
    await q.query(`create index rate_open_orders_day on rate_open_orders (tenant_id, day)`);
    await q.query(`create index rate_open_orders_request on rate_open_orders (tenant_id, request_id)`);
    await q.query(`
      create table rate_open_requests (
        tenant_id text not null,
        request_id text not null,
        day date,
        unit_id text,
        category_code text,
        area_code text,
        terminated boolean not null,
        late_at timestamptz,
        primary key (tenant_id, request_id)
      )`);
    await q.query(`create index rate_open_requests_day on rate_open_requests (tenant_id, day)`);
    const tables = ['rate_rollups', 'rate_rollup_deltas', 'rate_open_orders', 'rate_open_requests'];
    for (const table of tables) for (const sql of tenantIsolationSql(table)) await q.query(sql);
    await acrossTenants(q, [...tables, 'request_facts', 'work_order_facts', 'revisit_facts', 'evaluation_judgements'], async () => {
      for (const sql of rebuildAllTenantsSql()) await q.query(sql);
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table rate_open_requests`);
    await q.query(`drop table rate_open_orders`);
    await q.query(`drop table rate_rollup_deltas`);
    await q.query(`drop table rate_rollups`);
  }
}

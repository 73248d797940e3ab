import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * 催办: every urge of a work order (a reminder by hand, the ladder's notice and circular, each of
 * those once per order) and the tenant's ladder.
 */
export class Urging1764300004220 implements MigrationInterface {
  name = 'Urging1764300004220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table work_order_urges (
        id uuid primary key,
        tenant_id text not null,
        work_order_id uuid not null references work_orders (id),
        level text not null check (level in ('reminder', 'notice', 'circular')),
        method text not null check (method in ('phone', 'written')),
        note text,
        urged_at timestamptz not null,
        urged_by text not null,
        due_at timestamptz not null,
        overdue boolean not null,
        copied_to_leader boolean not null
      )`);
    await q.query(`create index work_order_urges_order on work_order_urges (tenant_id, work_order_id, urged_at)`);
    // The ladder's steps happen once per order, however often their timers fire.
    await q.query(`create unique index work_order_urges_ladder on work_order_urges (work_order_id, level) where level <> 'reminder'`);
    await q.query(`
      create table urging_policies (
        tenant_id text primary key,
        notice_after_due_working_days integer not null check (notice_after_due_working_days between 1 and 30),
        circular_after_notice_working_days integer not null check (circular_after_notice_working_days between 1 and 30),
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    for (const table of ['work_order_urges', 'urging_policies']) for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table urging_policies`);
    await q.query(`drop table work_order_urges`);
  }
}

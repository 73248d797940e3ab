import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** 红黄绿灯: the tenant's warning thresholds and each order's current level. */
export class Warnings1764300004210 implements MigrationInterface {
  name = 'Warnings1764300004210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table warning_policies (
        tenant_id text primary key,
        yellow_percent integer not null check (yellow_percent > 0),
        red_percent integer not null check (red_percent <= 100),
        updated_at timestamptz not null,
        updated_by text not null,
        check (yellow_percent < red_percent)
      )`);
    for (const sql of tenantIsolationSql('warning_policies')) await q.query(sql);
    await q.query(`alter table work_orders add column warning_level text not null default 'green' check (warning_level in ('green', 'yellow', 'red'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders drop column warning_level`);
    await q.query(`drop table warning_policies`);
  }
}

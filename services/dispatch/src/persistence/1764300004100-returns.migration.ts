import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Returns (退单) and dispute review (争议审核): dispatches count their attempts, may be designated
 * (指定办理), keep the units whose return was accepted and the masked brief a re-dispatch needs;
 * each return with its decision; each tenant's return window, maximum attempts and reason list.
 */
export class Returns1764300004100 implements MigrationInterface {
  name = 'Returns1764300004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table dispatches
        add column attempt int not null default 1 check (attempt > 0),
        add column designated boolean not null default false,
        add column excluded_unit_ids uuid[] not null default '{}',
        add column brief jsonb`);
    await q.query(`
      create table dispatch_returns (
        id uuid primary key,
        tenant_id text not null,
        request_id uuid not null,
        attempt int not null,
        unit_id uuid not null,
        unit_code text not null,
        unit_name text not null,
        reason_code text not null,
        basis text not null,
        returned_by text not null,
        returned_at timestamptz not null,
        window_due_at timestamptz not null,
        status text not null check (status in ('in-review', 'accepted', 'rejected')),
        decided_by text,
        decided_at timestamptz,
        decision_note text,
        unique (tenant_id, request_id, attempt),
        foreign key (tenant_id, request_id) references dispatches (tenant_id, request_id)
      )`);
    await q.query(`create index dispatch_returns_in_review on dispatch_returns (tenant_id, returned_at) where status = 'in-review'`);
    await q.query(`
      create table dispatch_settings (
        tenant_id text primary key,
        return_window_working_days int not null check (return_window_working_days between 1 and 10),
        max_dispatch_attempts int not null check (max_dispatch_attempts between 2 and 10),
        return_reasons text[] not null check (cardinality(return_reasons) > 0),
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    for (const table of ['dispatch_returns', 'dispatch_settings']) for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dispatch_settings`);
    await q.query(`drop table dispatch_returns`);
    await q.query(`alter table dispatches drop column attempt, drop column designated, drop column excluded_unit_ids, drop column brief`);
  }
}

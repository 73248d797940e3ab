import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** 延期: the tenant's extension policy, every extension asked of an order, and the due it moved to. */
export class Extensions1764300004200 implements MigrationInterface {
  name = 'Extensions1764300004200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table extension_policies (
        tenant_id text primary key,
        max_extensions integer not null check (max_extensions >= 0),
        max_extra_working_days integer check (max_extra_working_days > 0),
        max_total_working_days integer check (max_total_working_days > 0),
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    for (const sql of tenantIsolationSql('extension_policies')) await q.query(sql);
    await q.query(`
      create table work_order_extensions (
        id uuid primary key,
        tenant_id text not null,
        work_order_id uuid not null references work_orders (id),
        status text not null check (status in ('pending', 'approved', 'refused')),
        refusal text check (refusal in ('refused-by-hotline', 'requested-after-due')),
        extra_working_days integer not null check (extra_working_days > 0),
        reason text not null,
        basis text not null,
        current_due_at timestamptz not null,
        proposed_due_at timestamptz not null,
        requested_at timestamptz not null,
        requested_by text not null,
        decided_at timestamptz,
        decided_by text,
        decision_note text
      )`);
    await q.query(`create index work_order_extensions_order on work_order_extensions (work_order_id, requested_at)`);
    // At most one pending extension per order.
    await q.query(`create unique index work_order_extensions_one_pending on work_order_extensions (work_order_id) where status = 'pending'`);
    for (const sql of tenantIsolationSql('work_order_extensions')) await q.query(sql);
    await q.query(`alter table work_orders add column extended_due_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders drop column extended_due_at`);
    await q.query(`drop table work_order_extensions`);
    await q.query(`drop table extension_policies`);
  }
}

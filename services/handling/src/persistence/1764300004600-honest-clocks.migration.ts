import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, tenantIsolationSql } from '@hotline/platform';

/**
 * Honest clocks (issue 12): the tenant's clock policy (when the handling clock starts, how it may
 * pause), each order's handling start and pause, and every pause asked with its decision.
 * Existing orders started their handling clock at creation, as the platform did until now.
 */
export class HonestClocks1764300004600 implements MigrationInterface {
  name = 'HonestClocks1764300004600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table clock_policies (
        tenant_id text primary key,
        handling_starts_at text not null check (handling_starts_at in ('dispatch', 'sign-for')),
        max_pauses integer not null check (max_pauses >= 0),
        max_pause_working_days integer not null check (max_pause_working_days > 0),
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    for (const sql of tenantIsolationSql('clock_policies')) await q.query(sql);
    await q.query(`alter table work_orders add column handling_clock_start text not null default 'dispatch' check (handling_clock_start in ('dispatch', 'sign-for'))`);
    await q.query(`alter table work_orders add column handle_started_at timestamptz`);
    // Every tenant's rows at once: the owner lifts the forced policies for this transaction only.
    await acrossTenants(q, ['work_orders'], async () => {
      await q.query(`update work_orders set handle_started_at = created_at`);
    });
    await q.query(`alter table work_orders alter column handle_started_at set not null`);
    await q.query(`alter table work_orders add column paused_at timestamptz`);
    await q.query(`
      create table work_order_pauses (
        id uuid primary key,
        tenant_id text not null,
        work_order_id uuid not null references work_orders (id),
        status text not null check (status in ('pending', 'running', 'ended', 'refused')),
        reason text not null check (reason in ('awaiting-requester', 'awaiting-inspection', 'awaiting-other-authority', 'force-majeure')),
        note text,
        asked_at timestamptz not null,
        asked_by text not null,
        decided_at timestamptz,
        decided_by text,
        decision_note text,
        started_at timestamptz,
        resumes_by timestamptz,
        ended_at timestamptz,
        ended_by text,
        end_kind text check (end_kind in ('resumed', 'limit-reached', 'order-moved-on')),
        due_before timestamptz,
        due_after timestamptz
      )`);
    await q.query(`create index work_order_pauses_order on work_order_pauses (work_order_id, asked_at)`);
    // At most one pause asked or running per order.
    await q.query(`create unique index work_order_pauses_one_open on work_order_pauses (work_order_id) where status in ('pending', 'running')`);
    for (const sql of tenantIsolationSql('work_order_pauses')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table work_order_pauses`);
    await q.query(`alter table work_orders drop column paused_at`);
    await q.query(`alter table work_orders drop column handle_started_at`);
    await q.query(`alter table work_orders drop column handling_clock_start`);
    await q.query(`drop table clock_policies`);
  }
}

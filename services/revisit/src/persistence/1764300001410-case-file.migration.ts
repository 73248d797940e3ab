import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * The case file (event-carried state from intake, dispatch and handling) the archive is
 * assembled from; answers keep who gave them and when; a review can be withdrawn; a closure keeps
 * its time, actor and revisit outcome.
 */
export class CaseFile1764300001410 implements MigrationInterface {
  name = 'CaseFile1764300001410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table case_requests (
        tenant_id text not null,
        request_id text not null,
        brief jsonb not null,
        brief_rank int not null,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, request_id)
      )`);
    await q.query(`
      create table case_dispatches (
        tenant_id text not null,
        request_id text not null,
        dispatched_at timestamptz not null,
        mode text not null,
        catalog_version int not null,
        assignments jsonb not null,
        dispatched_by text not null,
        primary key (tenant_id, request_id, dispatched_at)
      )`);
    await q.query(`
      create table case_work_orders (
        tenant_id text not null,
        work_order_id text not null,
        request_id text not null,
        unit_id text not null,
        unit_name text,
        unit_code text,
        role text check (role in ('primary', 'assisting')),
        created_at timestamptz,
        sign_due_at timestamptz,
        handle_due_at timestamptz,
        due_provisional boolean,
        signed_at timestamptz,
        signed_by text,
        rework_round int,
        rework_due_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        cancelled_from text,
        primary key (tenant_id, work_order_id)
      )`);
    await q.query(`create index case_work_orders_by_request on case_work_orders (tenant_id, request_id)`);
    for (const table of ['case_requests', 'case_dispatches', 'case_work_orders'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);

    await q.query(`alter table reviews add column answered_at timestamptz, add column answered_by text, add column on_time boolean`);
    await q.query(`alter table reviews drop constraint reviews_status_check`);
    await q.query(`alter table reviews add constraint reviews_status_check check (status in ('pending', 'passed', 'failed', 'withdrawn'))`);

    await q.query(`
      alter table request_progress
        add column closed_at timestamptz,
        add column closed_by text,
        add column revisit_outcome text check (revisit_outcome in ('evaluated', 'skipped')),
        add column skip_reason text check (skip_reason in ('anonymous-requester'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table request_progress drop column skip_reason, drop column revisit_outcome, drop column closed_by, drop column closed_at`);
    await q.query(`alter table reviews drop constraint reviews_status_check`);
    await q.query(`alter table reviews add constraint reviews_status_check check (status in ('pending', 'passed', 'failed'))`);
    await q.query(`alter table reviews drop column on_time, drop column answered_by, drop column answered_at`);
    for (const table of ['case_work_orders', 'case_dispatches', 'case_requests']) await q.query(`drop table ${table}`);
  }
}

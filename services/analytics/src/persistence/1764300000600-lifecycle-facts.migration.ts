import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** The lifecycle read model: one row per request, per work order and per revisited request. */
export class LifecycleFacts1764300000600 implements MigrationInterface {
  name = 'LifecycleFacts1764300000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table request_facts (
        tenant_id text not null,
        request_id text not null,
        received_at timestamptz,
        day date,
        request_type text,
        urgency text,
        category_code text,
        area_code text,
        channel text,
        stage text not null,
        stage_at timestamptz not null,
        closed_at timestamptz,
        resolved boolean,
        satisfaction text,
        primary key (tenant_id, request_id)
      )`);
    await q.query(`create index request_facts_day on request_facts (tenant_id, day)`);
    await q.query(`
      create table work_order_facts (
        tenant_id text not null,
        work_order_id text not null,
        request_id text,
        unit_id text,
        unit_code text,
        unit_name text,
        role text,
        category_code text,
        day date,
        created_at timestamptz,
        sign_due_at timestamptz,
        signed_at timestamptz,
        signed_on_time boolean,
        handle_due_at timestamptz,
        answered_at timestamptz,
        answered_on_time boolean,
        handling_working_hours double precision,
        rework_count integer not null default 0,
        sign_overdue boolean not null default false,
        handle_overdue boolean not null default false,
        review_passed boolean,
        reviewed_at timestamptz,
        primary key (tenant_id, work_order_id)
      )`);
    await q.query(`create index work_order_facts_day on work_order_facts (tenant_id, day)`);
    await q.query(`create index work_order_facts_request on work_order_facts (tenant_id, request_id)`);
    // The latest revisit of a request counts (after re-handling, the second evaluation replaces the first).
    await q.query(`
      create table revisit_facts (
        tenant_id text not null,
        request_id text not null,
        revisit_id text not null,
        unit_id text,
        resolved boolean not null,
        satisfaction text not null,
        recorded_at timestamptz not null,
        category_code text,
        day date,
        primary key (tenant_id, request_id)
      )`);
    await q.query(`create index revisit_facts_day on revisit_facts (tenant_id, day)`);
    for (const table of ['request_facts', 'work_order_facts', 'revisit_facts'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table revisit_facts`);
    await q.query(`drop table work_order_facts`);
    await q.query(`drop table request_facts`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

export class WorkOrders1764300000410 implements MigrationInterface {
  name = 'WorkOrders1764300000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table work_orders (
        id uuid primary key,
        tenant_id text not null,
        request_id text not null,
        unit_id text not null,
        unit_code text not null,
        unit_name text not null,
        role text not null check (role in ('primary', 'assisting')),
        status text not null check (status in ('awaiting-sign', 'in-progress', 'answered', 'reviewed')),
        brief jsonb not null,
        created_at timestamptz not null,
        sign_due_at timestamptz not null,
        handle_due_at timestamptz not null,
        signed_at timestamptz,
        answered_at timestamptz,
        answer text,
        basis text,
        contact_record text,
        rework_count integer not null default 0,
        sign_overdue boolean not null default false,
        handle_overdue boolean not null default false,
        unique (tenant_id, request_id, unit_id)
      )`);
    await q.query(`create index work_orders_unit_idx on work_orders (tenant_id, unit_code, created_at desc)`);
    await q.query(`create index work_orders_created_idx on work_orders (tenant_id, created_at desc)`);
    for (const sql of tenantIsolationSql('work_orders')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table work_orders`);
  }
}

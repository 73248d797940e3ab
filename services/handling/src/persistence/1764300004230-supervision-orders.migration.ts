import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** 督办 orders on units' work orders: why, what is asked, the reply and its due, who closed them. */
export class SupervisionOrders1764300004230 implements MigrationInterface {
  name = 'SupervisionOrders1764300004230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table supervision_orders (
        id uuid primary key,
        tenant_id text not null,
        work_order_id uuid not null references work_orders (id),
        request_id text not null,
        unit_id text not null,
        unit_code text not null,
        source text not null,
        instruction text not null,
        state text not null check (state in ('open', 'replied', 'closed')),
        reply_due_at timestamptz not null,
        reply_overdue boolean not null,
        opened_at timestamptz not null,
        opened_by text not null,
        reply text,
        replied_at timestamptz,
        replied_by text,
        closed_at timestamptz,
        closed_by text,
        close_note text
      )`);
    await q.query(`create index supervision_orders_listing on supervision_orders (tenant_id, opened_at desc)`);
    await q.query(`create index supervision_orders_work_order on supervision_orders (tenant_id, work_order_id)`);
    for (const sql of tenantIsolationSql('supervision_orders')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table supervision_orders`);
  }
}

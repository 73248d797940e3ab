import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** 审签: the tenant's rule, answers drafted for the unit leader (sealed like answers), and who signed an answer off. */
export class LeaderSignOff1764300004240 implements MigrationInterface {
  name = 'LeaderSignOff1764300004240';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table sign_off_policies (
        tenant_id text primary key,
        required boolean not null,
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    await q.query(`
      create table answer_drafts (
        work_order_id uuid primary key references work_orders (id),
        tenant_id text not null,
        answer text,
        answer_enc bytea,
        basis text,
        basis_enc bytea,
        contact_record text,
        contact_record_enc bytea,
        state text not null check (state in ('awaiting-sign-off', 'returned')),
        submitted_by text not null,
        submitted_at timestamptz not null,
        returned_by text,
        returned_at timestamptz,
        return_note text
      )`);
    for (const table of ['sign_off_policies', 'answer_drafts']) for (const sql of tenantIsolationSql(table)) await q.query(sql);
    await q.query(`alter table work_orders add column signed_off_by text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders drop column signed_off_by`);
    await q.query(`drop table answer_drafts`);
    await q.query(`drop table sign_off_policies`);
  }
}

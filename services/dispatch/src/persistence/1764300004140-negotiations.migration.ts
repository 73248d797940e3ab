import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Negotiations (协商) among candidate units when the lead unit is unclear, one open at a time per
 * request, and each candidate's answer (its note masked, kept in dispatch).
 */
export class Negotiations1764300004140 implements MigrationInterface {
  name = 'Negotiations1764300004140';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table dispatch_negotiations (
        id uuid primary key,
        tenant_id text not null,
        request_id uuid not null,
        -- What the candidates see of the request: its number, masked title, category and area.
        request_number text not null,
        title text not null,
        category_code text not null,
        area_code text not null,
        candidate_unit_ids uuid[] not null,
        state text not null check (state in ('open', 'settled', 'lapsed')),
        due_at timestamptz not null,
        opened_by text not null,
        opened_at timestamptz not null,
        outcome text check (outcome in ('agreed', 'decided')),
        primary_unit_id uuid,
        assisting_unit_ids uuid[],
        settled_by text,
        settled_at timestamptz,
        lapsed_at timestamptz
      )`);
    await q.query(`create unique index dispatch_negotiations_one_open on dispatch_negotiations (tenant_id, request_id) where state in ('open', 'lapsed')`);
    await q.query(`create index dispatch_negotiations_state on dispatch_negotiations (tenant_id, state, due_at)`);
    await q.query(`
      create table dispatch_negotiation_responses (
        negotiation_id uuid not null references dispatch_negotiations (id),
        tenant_id text not null,
        unit_id uuid not null,
        stance text not null check (stance in ('lead', 'assist', 'not-ours')),
        note text not null,
        responded_by text not null,
        responded_at timestamptz not null,
        primary key (negotiation_id, unit_id)
      )`);
    for (const table of ['dispatch_negotiations', 'dispatch_negotiation_responses']) for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dispatch_negotiation_responses`);
    await q.query(`drop table dispatch_negotiations`);
  }
}

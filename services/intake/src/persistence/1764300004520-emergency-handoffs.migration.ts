import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Hand-offs to 119/120/122 and the utility lines (domain.md §10.3): to whom, how, the
 * counterpart's reference and the outcome of each, made at once by the agent's call (a
 * life-threatening matter never waits in a queue).
 */
export class EmergencyHandoffs1764300004520 implements MigrationInterface {
  name = 'EmergencyHandoffs1764300004520';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table linkage_handoffs (
        id uuid primary key,
        tenant_id text not null,
        request_id uuid not null references requests (id),
        counterpart text not null check (counterpart in ('110', '119', '120', '122', 'water', 'power', 'gas', 'heating')),
        method text not null check (method in ('one-key-transfer', 'three-party-call', 'system-push', 'call-guidance')),
        adapter text not null,
        outcome text not null check (outcome in ('delivered', 'failed')),
        counterpart_ref text,
        detail text not null default '',
        handed_off_by text not null,
        handed_off_at timestamptz not null
      )`);
    await q.query(`create index linkage_handoffs_by_request on linkage_handoffs (tenant_id, request_id, handed_off_at)`);
    for (const sql of tenantIsolationSql('linkage_handoffs')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table linkage_handoffs`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Escalation (提级统筹): a dispatch may now be `escalated` to a coordinating unit, and each
 * escalation is recorded with who asked for it and why (the reason masked, kept in dispatch).
 */
export class Escalations1764300004130 implements MigrationInterface {
  name = 'Escalations1764300004130';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table dispatches drop constraint if exists dispatches_mode_check`);
    await q.query(`alter table dispatches add constraint dispatches_mode_check check (mode in ('catalog', 'manual', 'escalated'))`);
    await q.query(`
      create table dispatch_escalations (
        id uuid primary key,
        tenant_id text not null,
        request_id uuid not null,
        attempt integer not null,
        from_unit_id uuid not null,
        to_unit_id uuid not null,
        reason text not null,
        escalated_by text not null,
        escalated_at timestamptz not null
      )`);
    await q.query(`create index dispatch_escalations_request on dispatch_escalations (tenant_id, request_id, escalated_at)`);
    for (const sql of tenantIsolationSql('dispatch_escalations')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dispatch_escalations`);
    await q.query(`alter table dispatches drop constraint dispatches_mode_check`);
    await q.query(`alter table dispatches add constraint dispatches_mode_check check (mode in ('catalog', 'manual'))`);
  }
}

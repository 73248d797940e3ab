import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * The manual queue on a clock: each waiting entry keeps its due (the tenant's dispatch limit for
 * its urgency) and when it raised its warning and its breach; a tenant may set its own limits.
 * Entries queued before this migration have no due and raise nothing.
 */
export class QueueClock1764300004120 implements MigrationInterface {
  name = 'QueueClock1764300004120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table dispatch_queue
        add column due_at timestamptz,
        add column warned_at timestamptz,
        add column breached_at timestamptz`);
    await q.query(`
      create table dispatch_queue_policies (
        tenant_id text primary key,
        limit_minutes jsonb not null,
        warn_at_percent integer not null,
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    for (const sql of tenantIsolationSql('dispatch_queue_policies')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dispatch_queue_policies`);
    await q.query(`alter table dispatch_queue drop column breached_at, drop column warned_at, drop column due_at`);
  }
}

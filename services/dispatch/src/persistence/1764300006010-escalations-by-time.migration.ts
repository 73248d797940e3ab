import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tenant's escalations are listed across requests, newest first. */
export class EscalationsByTime1764300006010 implements MigrationInterface {
  name = 'EscalationsByTime1764300006010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index dispatch_escalations_by_time on dispatch_escalations (tenant_id, escalated_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index dispatch_escalations_by_time`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (issue 13): a work order of a request whose retention period ended keeps its unit,
 * role, statuses and clocks, and loses the request's identity and free text (RequestAnonymised
 * from revisit); `anonymised_at` says when.
 */
export class AnonymisedWorkOrders1764300005370 implements MigrationInterface {
  name = 'AnonymisedWorkOrders1764300005370';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders add column anonymised_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The removed text stays removed; only the instant goes.
    await q.query(`alter table work_orders drop column anonymised_at`);
  }
}

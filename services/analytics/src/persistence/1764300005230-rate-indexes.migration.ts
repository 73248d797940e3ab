import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rates by unit name units that only revisits name from their work orders: one index range per
 * unit instead of a scan of the tenant's orders.
 */
export class RateIndexes1764300005230 implements MigrationInterface {
  name = 'RateIndexes1764300005230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index work_order_facts_unit on work_order_facts (tenant_id, unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index work_order_facts_unit`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit can be deactivated (a reform merges it away, it stops taking 12345 work) and reactivated:
 * a deactivated unit takes no new work, its open orders go on. Existing units are active.
 */
export class UnitActive1764300006400 implements MigrationInterface {
  name = 'UnitActive1764300006400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table handling_units add column active boolean not null default true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table handling_units drop column active`);
  }
}

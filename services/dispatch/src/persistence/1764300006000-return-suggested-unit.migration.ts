import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A return may name the unit the returning unit thinks is right (建议承办单位), kept as it was
 * then (id, code and name) for the dispatcher's dispute review; and the tenant's returns are
 * listed across requests by the time they were filed.
 */
export class ReturnSuggestedUnit1764300006000 implements MigrationInterface {
  name = 'ReturnSuggestedUnit1764300006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table dispatch_returns
        add column suggested_unit_id uuid,
        add column suggested_unit_code text,
        add column suggested_unit_name text`);
    await q.query(`create index dispatch_returns_by_filing on dispatch_returns (tenant_id, returned_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index dispatch_returns_by_filing`);
    await q.query(`alter table dispatch_returns drop column suggested_unit_id, drop column suggested_unit_code, drop column suggested_unit_name`);
  }
}

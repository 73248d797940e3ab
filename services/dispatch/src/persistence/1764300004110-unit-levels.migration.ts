import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No push-down (66号文): units carry their level in the tree, catalog entries whether their duty
 * is territorial (属地). Existing units become departments, existing entries departments' duties.
 */
export class UnitLevels1764300004110 implements MigrationInterface {
  name = 'UnitLevels1764300004110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table handling_units add column level text not null default 'department'
        check (level in ('city', 'district', 'department', 'street'))`);
    await q.query(`alter table catalog_entries add column territorial boolean not null default false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table catalog_entries drop column territorial`);
    await q.query(`alter table handling_units drop column level`);
  }
}

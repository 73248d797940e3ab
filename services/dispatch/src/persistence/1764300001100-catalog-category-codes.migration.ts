import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog entries name a category code of any taxonomy shape, applying to the categories below
 * it along the request's category path, instead of a 2/4/6-digit prefix: the column says so.
 * Stored codes are kept as they are (a DB44 prefix is a DB44 category code).
 */
export class CatalogCategoryCodes1764300001100 implements MigrationInterface {
  name = 'CatalogCategoryCodes1764300001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table catalog_entries rename column category_prefix to category_code`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table catalog_entries rename column category_code to category_prefix`);
  }
}

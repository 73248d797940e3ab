import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, tenantIsolationSql } from '@hotline/platform';

/**
 * Versioned taxonomies: each publication is a new, immutable version and earlier ones stay, so
 * the requests classified under them keep resolving. What each tenant had becomes version 1,
 * and its categorised requests are classified under it.
 */
export class TaxonomyVersions1764300001300 implements MigrationInterface {
  name = 'TaxonomyVersions1764300001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table taxonomy_versions (
        tenant_id text not null,
        version int not null check (version >= 1),
        published_at timestamptz not null,
        published_by text not null,
        category_count int not null,
        primary key (tenant_id, version)
      )`);
    for (const sql of tenantIsolationSql('taxonomy_versions')) await q.query(sql);
    await q.query(`alter table categories add column version int not null default 1`);
    await q.query(`alter table categories alter column version drop default`);
    await q.query(`alter table categories drop constraint categories_pkey, add primary key (tenant_id, version, code)`);
    await q.query(`drop index categories_parent`);
    await q.query(`create index categories_parent on categories (tenant_id, version, parent_code)`);
    await q.query(`alter table requests add column taxonomy_version int`);
    // A publication counts the requests using each code it retires.
    await q.query(`create index requests_by_category on requests (tenant_id, category_code)`);
    await acrossTenants(q, ['categories', 'taxonomy_versions', 'requests'], async () => {
      await q.query(`
        insert into taxonomy_versions (tenant_id, version, published_at, published_by, category_count)
        select tenant_id, 1, now(), 'system:intake', count(*) from categories group by tenant_id`);
      await q.query(`update requests set taxonomy_version = 1 where category_code is not null`);
    });
    await q.query(`
      alter table requests add constraint requests_classified_in_a_version
        check ((category_code is null) = (taxonomy_version is null))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index requests_by_category`);
    await q.query(`alter table requests drop constraint requests_classified_in_a_version, drop column taxonomy_version`);
    await q.query(`drop index categories_parent`);
    await acrossTenants(q, ['categories'], () => q.query(`delete from categories where version > 1`));
    await q.query(`alter table categories drop constraint categories_pkey, add primary key (tenant_id, code), drop column version`);
    await q.query(`create index categories_parent on categories (tenant_id, parent_code)`);
    await q.query(`drop table taxonomy_versions`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** Each tenant's latest content taxonomy as TaxonomyPublished announced it: its version and codes. */
export class KnownTaxonomies1764300001300 implements MigrationInterface {
  name = 'KnownTaxonomies1764300001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table known_taxonomies (
        tenant_id text primary key,
        version int not null check (version > 0),
        codes text[] not null,
        received_at timestamptz not null
      )`);
    for (const sql of tenantIsolationSql('known_taxonomies')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table known_taxonomies`);
  }
}

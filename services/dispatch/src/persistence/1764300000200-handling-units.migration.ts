import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

export class HandlingUnits1764300000200 implements MigrationInterface {
  name = 'HandlingUnits1764300000200';

  async up(q: QueryRunner): Promise<void> {
    // Foreign-key checks bypass row-level security, so the parent is keyed on (tenant_id, id):
    // a unit can never hang under another tenant's unit, whatever the application checks.
    await q.query(`
      create table handling_units (
        id uuid primary key,
        tenant_id text not null,
        code text not null,
        name text not null,
        parent_id uuid,
        area_codes text[] not null check (cardinality(area_codes) between 1 and 50),
        created_at timestamptz not null default now(),
        unique (tenant_id, code),
        unique (tenant_id, id),
        foreign key (tenant_id, parent_id) references handling_units (tenant_id, id)
      )`);
    await q.query(`create index handling_units_area_codes on handling_units using gin (area_codes)`);
    for (const sql of tenantIsolationSql('handling_units')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table handling_units`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** The versioned dispatch catalog (派单目录), dispatches and the manual-dispatch queue. */
export class CatalogAndDispatches1764300000300 implements MigrationInterface {
  name = 'CatalogAndDispatches1764300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table catalog_versions (
        tenant_id text not null,
        version int not null check (version > 0),
        published_at timestamptz not null default now(),
        published_by text not null,
        primary key (tenant_id, version)
      )`);
    // Composite foreign keys keep every reference inside the tenant (FK checks bypass RLS).
    await q.query(`
      create table catalog_entries (
        tenant_id text not null,
        version int not null,
        position int not null,
        category_prefix text not null,
        area_code text not null,
        primary_unit_id uuid not null,
        assisting_unit_ids uuid[] not null default '{}' check (cardinality(assisting_unit_ids) <= 10),
        primary key (tenant_id, version, category_prefix, area_code),
        unique (tenant_id, version, position),
        foreign key (tenant_id, version) references catalog_versions (tenant_id, version),
        foreign key (tenant_id, primary_unit_id) references handling_units (tenant_id, id)
      )`);
    await q.query(`
      create table dispatches (
        tenant_id text not null,
        request_id uuid not null,
        mode text not null check (mode in ('catalog', 'manual')),
        catalog_version int not null default 0,
        assignments jsonb not null,
        dispatched_at timestamptz not null,
        dispatched_by text not null,
        primary key (tenant_id, request_id)
      )`);
    await q.query(`
      create table dispatch_queue (
        tenant_id text not null,
        request_id uuid not null,
        brief jsonb not null,
        reason text not null,
        queued_at timestamptz not null,
        resolved_at timestamptz,
        primary key (tenant_id, request_id)
      )`);
    await q.query(`create index dispatch_queue_waiting on dispatch_queue (tenant_id, queued_at) where resolved_at is null`);
    for (const table of ['catalog_versions', 'catalog_entries', 'dispatches', 'dispatch_queue'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['dispatch_queue', 'dispatches', 'catalog_entries', 'catalog_versions']) await q.query(`drop table ${table}`);
  }
}

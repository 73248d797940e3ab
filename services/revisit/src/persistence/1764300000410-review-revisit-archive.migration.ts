import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

export class ReviewRevisitArchive1764300000410 implements MigrationInterface {
  name = 'ReviewRevisitArchive1764300000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table reviews (
        id uuid primary key,
        tenant_id text not null,
        request_id text not null,
        work_order_id text not null,
        unit_id text not null,
        role text not null check (role in ('primary', 'assisting')),
        answer text not null,
        basis text not null,
        contact_record text not null,
        rework_count int not null check (rework_count >= 0),
        status text not null default 'pending' check (status in ('pending', 'passed', 'failed')),
        reasons text[] not null default '{}',
        created_at timestamptz not null default now(),
        reviewed_at timestamptz,
        reviewed_by text,
        unique (tenant_id, work_order_id, rework_count)
      )`);
    await q.query(`create index reviews_queue on reviews (tenant_id, status, created_at)`);
    await q.query(`create index reviews_by_request on reviews (tenant_id, request_id)`);

    await q.query(`
      create table request_progress (
        tenant_id text not null,
        request_id text not null,
        primary_work_order_id text not null,
        primary_unit_id text not null,
        status text not null check (status in ('awaiting-review', 'awaiting-revisit', 'closed')),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, request_id)
      )`);
    await q.query(`create index request_progress_by_status on request_progress (tenant_id, status, updated_at)`);

    await q.query(`
      create table revisits (
        id uuid primary key,
        tenant_id text not null,
        request_id text not null,
        unit_id text not null,
        method text not null check (method in ('phone', 'sms', 'online')),
        resolved boolean not null,
        satisfaction text not null check (satisfaction in ('satisfied', 'basically-satisfied', 'dissatisfied')),
        recorded_at timestamptz not null,
        recorded_by text not null
      )`);
    await q.query(`create index revisits_by_request on revisits (tenant_id, request_id)`);

    await q.query(`
      create table archive_records (
        tenant_id text not null,
        sequence bigint not null check (sequence >= 1),
        archive_id uuid not null unique,
        request_id text not null,
        record jsonb not null,
        previous_hash text not null,
        record_hash text not null,
        archived_at timestamptz not null,
        primary key (tenant_id, sequence),
        unique (tenant_id, request_id)
      )`);

    for (const table of ['reviews', 'request_progress', 'revisits', 'archive_records'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['archive_records', 'revisits', 'request_progress', 'reviews']) await q.query(`drop table ${table}`);
  }
}

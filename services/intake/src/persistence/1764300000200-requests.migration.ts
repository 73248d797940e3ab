import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

const STATUSES = `'registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited',
  'closed', 'not-accepted', 'archived'`;

/** Taxonomy, requests with encrypted requester identity, their timeline, PII audit, daily numbers. */
export class Requests1764300000200 implements MigrationInterface {
  name = 'Requests1764300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table categories (
        tenant_id text not null,
        code text not null,
        name text not null,
        parent_code text,
        level smallint not null check (level between 1 and 4),
        primary key (tenant_id, code)
      )`);
    await q.query(`create index categories_parent on categories (tenant_id, parent_code)`);
    await q.query(`
      create table requests (
        id uuid primary key,
        tenant_id text not null,
        number text not null,
        access_code_hash text not null,
        channel text not null,
        request_type text not null,
        urgency text not null,
        category_code text,
        area_code text not null,
        title text not null,
        content text not null,
        scope_decision text not null,
        outcome_detail text,
        status text not null check (status in (${STATUSES})),
        primary_unit_id text,
        received_at timestamptz not null,
        closed_at timestamptz,
        confidential boolean not null default false,
        requester_name_enc bytea not null,
        requester_phone_enc bytea not null,
        requester_id_number_enc bytea,
        requester_address_enc bytea,
        created_by text not null,
        unique (tenant_id, number)
      )`);
    await q.query(`create index requests_by_status on requests (tenant_id, status, received_at desc)`);
    await q.query(`create index requests_by_received on requests (tenant_id, received_at desc)`);
    await q.query(`
      create table request_timeline (
        tenant_id text not null,
        request_id uuid not null references requests (id),
        seq int not null,
        at timestamptz not null,
        status text check (status in (${STATUSES})),
        event_type text not null,
        note text not null default '',
        primary key (request_id, seq)
      )`);
    await q.query(`
      create table pii_access_log (
        id bigserial primary key,
        tenant_id text not null,
        request_id uuid not null references requests (id),
        subject text not null,
        roles text[] not null,
        at timestamptz not null default now()
      )`);
    await q.query(`
      create table request_number_counters (
        tenant_id text not null,
        local_date date not null,
        last_sequence int not null,
        primary key (tenant_id, local_date)
      )`);
    for (const table of ['categories', 'requests', 'request_timeline', 'pii_access_log', 'request_number_counters'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['request_number_counters', 'pii_access_log', 'request_timeline', 'requests', 'categories'])
      await q.query(`drop table ${table}`);
  }
}

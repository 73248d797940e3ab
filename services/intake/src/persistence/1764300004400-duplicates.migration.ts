import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, tenantIsolationSql } from '@hotline/platform';

const STATUSES = `'registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited',
  'closed', 'not-accepted', 'merged', 'archived'`;
const PREVIOUS_STATUSES = `'registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited',
  'closed', 'not-accepted', 'archived'`;

/**
 * Duplicate detection and 并单: keyed hashes of the requester's normalised phone and address
 * (encrypted identities still match, and the hash reveals nothing without the key), the text
 * compared (the first 160 characters of the masked title and content) in a trigram index
 * (pg_trgm splits CJK text into character trigrams under a UTF-8 ctype), the `merged` status
 * with the master it points to, and the 信访 / 互联网+督查 cases a request refers to. Requests
 * registered before keep null keys (found by text and area only); those whose text is not
 * sealed yet (masked) get no text to compare.
 *
 * request_match_texts has no row-level security, on purpose (ADR 0016): under RLS PostgreSQL
 * evaluates a non-leakproof operator such as pg_trgm's `%` after the policy, so the GIN index
 * is never used and every search scans the tenant's requests. Its queries name the tenant
 * themselves and return only ids that are joined to the RLS-protected requests.
 */
export class Duplicates1764300004400 implements MigrationInterface {
  name = 'Duplicates1764300004400';

  async up(q: QueryRunner): Promise<void> {
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    await q.query(`create extension if not exists pg_trgm`);
    await q.query(`
      alter table requests
        add column requester_key text,
        add column address_key text,
        add column merged_into uuid references requests (id)`);
    await q.query(`alter table requests drop constraint requests_status_check, add constraint requests_status_check check (status in (${STATUSES}))`);
    await q.query(
      `alter table request_timeline drop constraint request_timeline_status_check, add constraint request_timeline_status_check check (status in (${STATUSES}))`,
    );
    await q.query(`create index requests_by_requester_key on requests (tenant_id, requester_key, received_at desc) where requester_key is not null`);
    await q.query(`create index requests_by_address_key on requests (tenant_id, address_key, received_at desc) where address_key is not null`);
    await q.query(`create index requests_by_area on requests (tenant_id, area_code, received_at desc)`);
    await q.query(`create index requests_by_master on requests (merged_into) where merged_into is not null`);
    await q.query(`
      create table request_match_texts (
        request_id uuid primary key references requests (id),
        tenant_id text not null,
        received_at timestamptz not null,
        match_text text not null
      )`);
    await q.query(`create index request_match_texts_trgm on request_match_texts using gin (match_text gin_trgm_ops)`);
    await q.query(`create index request_match_texts_by_tenant on request_match_texts (tenant_id, received_at desc)`);
    // The beginning of the text only: a repeat states its matter first, and a probe of a few
    // hundred trigrams against whole texts costs ten times more.
    await acrossTenants(q, ['requests'], () =>
      q.query(`
        insert into request_match_texts (request_id, tenant_id, received_at, match_text)
        select id, tenant_id, received_at, left(title || ' ' || content, 160) from requests where free_text_sealed`),
    );
    await q.query(`
      create table request_external_refs (
        tenant_id text not null,
        request_id uuid not null references requests (id),
        kind text not null check (kind in ('petition', 'inspection')),
        reference text not null,
        primary key (request_id, kind, reference)
      )`);
    await q.query(`create index request_external_refs_by_reference on request_external_refs (tenant_id, kind, reference)`);
    for (const sql of tenantIsolationSql('request_external_refs')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table request_external_refs`);
    await q.query(`drop table request_match_texts`);
    await q.query(`drop index requests_by_area`);
    await q.query(`alter table requests drop column merged_into, drop column address_key, drop column requester_key`);
    await q.query(
      `alter table request_timeline drop constraint request_timeline_status_check, add constraint request_timeline_status_check check (status in (${PREVIOUS_STATUSES}))`,
    );
    await q.query(`alter table requests drop constraint requests_status_check, add constraint requests_status_check check (status in (${PREVIOUS_STATUSES}))`);
  }
}

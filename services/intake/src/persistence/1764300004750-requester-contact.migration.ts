import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';
import { ACCESS_PURPOSES_1764300001600 } from './1764300001600-access-purposes.migration';

/** REQUESTER_CONTACT_PURPOSES when this migration was written; a new one needs a migration of both checks. */
export const CONTACT_PURPOSES_1764300004750 = ['callback-verify', 'callback-result', 'on-site-visit'] as const;

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * Contact with the requester for handling units (ADR 0030):
 * - the access log takes the contact purposes, and records the reader's unit and, for a call
 *   through the platform, the user on whose behalf the telephony system read the number; an
 *   index counts a user's reveals of the day (the daily cap);
 * - unit_codes: the code of each unit dispatch named (the `unit` claim of its staff's tokens),
 *   learnt from RequestDispatched, since requests keep the primary unit's id;
 * - contact_policies: a tenant's cap on reveals (no row: the default);
 * - call_references: each reference issued, by the hash only, resolved at most once; like the
 *   access log it is never changed otherwise nor removed.
 */
export class RequesterContact1764300004750 implements MigrationInterface {
  name = 'RequesterContact1764300004750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table pii_access_log
        add column unit text,
        add column on_behalf_of text,
        drop constraint pii_access_log_purpose_check,
        add constraint pii_access_log_purpose_check check (purpose in (${list([...ACCESS_PURPOSES_1764300001600, ...CONTACT_PURPOSES_1764300004750])}))`);
    await q.query(`create index pii_access_log_by_subject on pii_access_log (tenant_id, subject, at)`);
    await q.query(`
      create table unit_codes (
        tenant_id text not null,
        unit_id text not null,
        code text not null,
        seen_at timestamptz not null,
        primary key (tenant_id, unit_id)
      )`);
    await q.query(`
      create table contact_policies (
        tenant_id text primary key,
        daily_reveals_per_user int not null check (daily_reveals_per_user between 0 and 1000),
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    await q.query(`
      create table call_references (
        id uuid not null,
        tenant_id text not null,
        request_id uuid not null references requests (id),
        reference_hash text not null,
        purpose text not null check (purpose in (${list(CONTACT_PURPOSES_1764300004750)})),
        note text,
        issued_by text not null,
        issuer_roles text[] not null,
        issuer_unit text,
        issued_at timestamptz not null,
        expires_at timestamptz not null,
        resolved_at timestamptz,
        resolved_by text,
        primary key (tenant_id, id),
        unique (tenant_id, reference_hash)
      )`);
    await q.query(`create index call_references_by_request on call_references (tenant_id, request_id, issued_at)`);
    for (const table of ['unit_codes', 'contact_policies', 'call_references']) for (const sql of tenantIsolationSql(table)) await q.query(sql);
    await q.query(`
      create function call_references_resolve_once() returns trigger language plpgsql as $$
      begin
        -- The one change allowed: resolving an unresolved reference, nothing else touched.
        if tg_op = 'UPDATE' then
          if old.resolved_at is null and new.resolved_at is not null
             and (to_jsonb(new) - 'resolved_at' - 'resolved_by') = (to_jsonb(old) - 'resolved_at' - 'resolved_by') then
            return new;
          end if;
        end if;
        raise exception 'call_references is append-only (a reference is resolved once): % refused', tg_op
          using errcode = 'insufficient_privilege', hint = 'the record of issued call references is never changed or removed';
      end
      $$`);
    await q.query(`
      create trigger call_references_no_change before update or delete on call_references
      for each row execute function call_references_resolve_once()`);
    await q.query(`
      create trigger call_references_no_truncate before truncate on call_references
      for each statement execute function call_references_resolve_once()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table call_references`);
    await q.query(`drop function call_references_resolve_once()`);
    await q.query(`drop table contact_policies`);
    await q.query(`drop table unit_codes`);
    await q.query(`drop index pii_access_log_by_subject`);
    await q.query(`
      alter table pii_access_log
        drop constraint pii_access_log_purpose_check,
        add constraint pii_access_log_purpose_check check (purpose in (${list(ACCESS_PURPOSES_1764300001600)})),
        drop column on_behalf_of,
        drop column unit`);
  }
}

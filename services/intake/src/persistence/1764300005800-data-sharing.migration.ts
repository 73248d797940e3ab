import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';
import { ACCESS_PURPOSES_1764300001600 } from './1764300001600-access-purposes.migration';
import { CONTACT_PURPOSES_1764300004750 } from './1764300004750-requester-contact.migration';

/** The vocabulary's lists when this migration was written; a new code needs a migration of its check. */
export const DATA_GRADES_1764300005800 = ['general', 'important', 'personal', 'core'] as const;
export const AGREEMENT_STATES_1764300005800 = ['proposed', 'active', 'refused', 'revoked'] as const;
export const RELEASE_KINDS_1764300005800 = ['pull', 'feed'] as const;
export const SHARING_PURPOSE_1764300005800 = 'data-sharing';

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * Graded data sharing (数据共享 分类分级, docs/data-sharing.md, ADR 0035):
 * - sharing_agreements: one per receiving department and version of its terms, immutable once
 *   written — only its state moves (proposed → active | refused, proposed | active → revoked),
 *   enforced by a trigger; at most one active agreement per department;
 * - sharing_releases: every release (pull or feed), append-only like the access log;
 * - the access log takes the purpose `data-sharing` for personal fields released in clear.
 */
export class DataSharing1764300005800 implements MigrationInterface {
  name = 'DataSharing1764300005800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table sharing_agreements (
        id uuid not null,
        tenant_id text not null,
        department_code text not null,
        department_name text not null,
        purpose text not null,
        legal_basis text not null,
        personal_data_purpose text,
        max_grade text not null check (max_grade in (${list(DATA_GRADES_1764300005800)})),
        includes_core boolean not null default false,
        fields jsonb not null,
        category_prefixes text[] not null,
        area_codes text[] not null,
        request_types text[] not null,
        valid_from timestamptz not null,
        valid_until timestamptz not null,
        state text not null check (state in (${list(AGREEMENT_STATES_1764300005800)})),
        proposed_by text not null,
        proposed_at timestamptz not null,
        decided_by text,
        decided_at timestamptz,
        decision_note text,
        revoked_by text,
        revoked_at timestamptz,
        revoke_reason text,
        superseded_by uuid,
        primary key (tenant_id, id),
        check (valid_until > valid_from),
        -- The two-person rule, kept by the database too: whoever proposed never decides.
        check (decided_by is null or decided_by <> proposed_by)
      )`);
    await q.query(`create unique index sharing_agreements_one_active on sharing_agreements (tenant_id, department_code) where state = 'active'`);
    await q.query(`create index sharing_agreements_by_time on sharing_agreements (tenant_id, proposed_at desc, id desc)`);
    await q.query(`
      create function sharing_agreements_terms_fixed() returns trigger language plpgsql as $$
      declare
        decision constant text[] := array['state', 'decided_by', 'decided_at', 'decision_note', 'revoked_by', 'revoked_at', 'revoke_reason', 'superseded_by'];
      begin
        -- The terms never change: a change of terms is a new agreement, approved anew.
        if tg_op = 'UPDATE'
           and (to_jsonb(new) - decision) = (to_jsonb(old) - decision)
           and ((old.state = 'proposed' and new.state in ('active', 'refused', 'revoked'))
                or (old.state = 'active' and new.state = 'revoked')) then
          return new;
        end if;
        raise exception 'sharing_agreements are immutable (only proposed → active/refused/revoked and active → revoked): % refused', tg_op
          using errcode = 'insufficient_privilege', hint = 'change an agreement by proposing a new one';
      end
      $$`);
    await q.query(`
      create trigger sharing_agreements_no_change before update or delete on sharing_agreements
      for each row execute function sharing_agreements_terms_fixed()`);

    await q.query(`
      create table sharing_releases (
        id uuid not null,
        tenant_id text not null,
        agreement_id uuid not null,
        department_code text not null,
        kind text not null check (kind in (${list(RELEASE_KINDS_1764300005800)})),
        subject text not null,
        released_at timestamptz not null,
        item_count int not null check (item_count >= 0),
        request_ids uuid[] not null,
        fields text[] not null,
        cursor_after text,
        cursor_next text,
        primary key (tenant_id, id),
        foreign key (tenant_id, agreement_id) references sharing_agreements (tenant_id, id)
      )`);
    await q.query(`create index sharing_releases_by_time on sharing_releases (tenant_id, released_at desc, id desc)`);
    await q.query(`create index sharing_releases_by_agreement on sharing_releases (tenant_id, agreement_id, released_at desc)`);
    await q.query(`
      create function sharing_releases_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'sharing_releases is append-only: % refused', tg_op
          using errcode = 'insufficient_privilege', hint = 'the record of data released is never changed or removed';
      end
      $$`);
    await q.query(`
      create trigger sharing_releases_no_change before update or delete on sharing_releases
      for each row execute function sharing_releases_append_only()`);
    await q.query(`
      create trigger sharing_releases_no_truncate before truncate on sharing_releases
      for each statement execute function sharing_releases_append_only()`);
    for (const table of ['sharing_agreements', 'sharing_releases']) for (const sql of tenantIsolationSql(table)) await q.query(sql);

    await q.query(`
      alter table pii_access_log
        drop constraint pii_access_log_purpose_check,
        add constraint pii_access_log_purpose_check
          check (purpose in (${list([...ACCESS_PURPOSES_1764300001600, ...CONTACT_PURPOSES_1764300004750, SHARING_PURPOSE_1764300005800])}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table pii_access_log
        drop constraint pii_access_log_purpose_check,
        add constraint pii_access_log_purpose_check check (purpose in (${list([...ACCESS_PURPOSES_1764300001600, ...CONTACT_PURPOSES_1764300004750])}))`);
    await q.query(`drop table sharing_releases`);
    await q.query(`drop function sharing_releases_append_only()`);
    await q.query(`drop table sharing_agreements`);
    await q.query(`drop function sharing_agreements_terms_fixed()`);
  }
}

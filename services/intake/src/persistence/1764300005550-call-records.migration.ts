import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** CALL_OUTCOMES, CALLBACK_STATES and CALLBACK_RESULTS when this migration was written; a new code needs a migration of the check. */
export const CALL_OUTCOMES_1764300005550 = ['answered', 'request', 'existing-request', 'silent', 'harassment', 'wrong-number', 'hung-up', 'abandoned'] as const;
export const CALLBACK_STATES_1764300005550 = ['pending', 'claimed', 'reached', 'unreachable', 'caller-returned', 'cancelled'] as const;
export const CALLBACK_RESULTS_1764300005550 = ['reached', 'no-answer', 'busy', 'invalid-number'] as const;

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * Calls from the telephony system (issue 14, docs/calls.md):
 * - call_records: one per call that entered an agent queue, unique by the telephony's call id;
 *   the caller's number encrypted (PII_COLUMNS) beside its keyed hash for matching;
 * - call_policies: a tenant's thresholds (no row: the defaults);
 * - callbacks: the 漏接回拨 queue, at most one open item per caller (the partial unique index
 *   is what joins a second abandon to it), and callback_attempts, each dial's result;
 * - callback_call_references: a callback dialled through the telephony without the agent
 *   seeing the number, by the reference's hash; its resolution is the audit of the disclosure,
 *   so like call_references it is never changed otherwise nor removed.
 */
export class CallRecords1764300005550 implements MigrationInterface {
  name = 'CallRecords1764300005550';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table call_records (
        id uuid not null,
        tenant_id text not null,
        call_id text not null,
        content_hash text not null,
        caller_number_enc bytea,
        caller_key text,
        agent_id text,
        queue text not null,
        offered_at timestamptz not null,
        answered_at timestamptz,
        ended_at timestamptz not null,
        outcome text not null check (outcome in (${list(CALL_OUTCOMES_1764300005550)})),
        recording_ref text,
        request_id uuid references requests (id),
        request_number text,
        recorded_by text not null,
        recorded_at timestamptz not null,
        outcome_marked_by text,
        outcome_marked_at timestamptz,
        callback_id uuid,
        primary key (id),
        unique (tenant_id, call_id),
        check ((outcome = 'abandoned') = (answered_at is null)),
        check (offered_at <= ended_at and (answered_at is null or (offered_at <= answered_at and answered_at <= ended_at)))
      )`);
    await q.query(`create index call_records_by_offer on call_records (tenant_id, offered_at, queue)`);
    await q.query(`create index call_records_by_caller on call_records (tenant_id, caller_key, answered_at) where caller_key is not null`);
    await q.query(`
      create table call_policies (
        tenant_id text primary key,
        answer_timely_seconds int not null check (answer_timely_seconds between 1 and 600),
        short_abandon_seconds int not null check (short_abandon_seconds between 0 and 60),
        short_abandons_counted boolean not null,
        callback_short_abandons boolean not null,
        callback_due_minutes int not null check (callback_due_minutes between 1 and 10080),
        callback_max_attempts int not null check (callback_max_attempts between 1 and 10),
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    await q.query(`
      create table callbacks (
        id uuid not null,
        tenant_id text not null,
        caller_key text not null,
        caller_number_enc bytea not null,
        queue text not null,
        first_call_id text not null,
        last_call_id text not null,
        abandoned_calls int not null default 1,
        first_abandoned_at timestamptz not null,
        last_abandoned_at timestamptz not null,
        due_at timestamptz not null,
        overdue_at timestamptz,
        state text not null check (state in (${list(CALLBACK_STATES_1764300005550)})),
        claimed_by text,
        claimed_at timestamptz,
        attempts int not null default 0,
        result text check (result in (${list(CALLBACK_RESULTS_1764300005550)})),
        request_number text,
        closed_at timestamptz,
        closed_by text,
        closed_by_call_id text,
        close_note text,
        created_at timestamptz not null,
        primary key (id)
      )`);
    await q.query(`create unique index callbacks_one_open_per_caller on callbacks (tenant_id, caller_key) where state in ('pending', 'claimed')`);
    await q.query(`create index callbacks_by_state on callbacks (tenant_id, state, due_at)`);
    await q.query(`
      create table callback_attempts (
        id uuid not null,
        tenant_id text not null,
        callback_id uuid not null references callbacks (id),
        result text not null check (result in (${list(CALLBACK_RESULTS_1764300005550)})),
        request_number text,
        note text,
        by_subject text not null,
        at timestamptz not null,
        primary key (id)
      )`);
    await q.query(`create index callback_attempts_by_callback on callback_attempts (tenant_id, callback_id, at)`);
    await q.query(`
      create table callback_call_references (
        id uuid not null,
        tenant_id text not null,
        callback_id uuid not null references callbacks (id),
        reference_hash text not null,
        issued_by text not null,
        issuer_roles text[] not null,
        issued_at timestamptz not null,
        expires_at timestamptz not null,
        resolved_at timestamptz,
        resolved_by text,
        primary key (id),
        unique (tenant_id, reference_hash)
      )`);
    for (const table of ['call_records', 'call_policies', 'callbacks', 'callback_attempts', 'callback_call_references'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
    await q.query(`
      create function callback_call_references_resolve_once() returns trigger language plpgsql as $$
      begin
        -- The one change allowed: resolving an unresolved reference, nothing else touched.
        if tg_op = 'UPDATE' then
          if old.resolved_at is null and new.resolved_at is not null
             and (to_jsonb(new) - 'resolved_at' - 'resolved_by') = (to_jsonb(old) - 'resolved_at' - 'resolved_by') then
            return new;
          end if;
        end if;
        raise exception 'callback_call_references is append-only (a reference is resolved once): % refused', tg_op
          using errcode = 'insufficient_privilege', hint = 'the record of disclosed callback numbers is never changed or removed';
      end
      $$`);
    await q.query(`
      create trigger callback_call_references_no_change before update or delete on callback_call_references
      for each row execute function callback_call_references_resolve_once()`);
    await q.query(`
      create trigger callback_call_references_no_truncate before truncate on callback_call_references
      for each statement execute function callback_call_references_resolve_once()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table callback_call_references`);
    await q.query(`drop function callback_call_references_resolve_once()`);
    for (const table of ['callback_attempts', 'callbacks', 'call_policies', 'call_records']) await q.query(`drop table ${table}`);
  }
}

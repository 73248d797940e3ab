import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

const COUNTERPARTS = `'110', '119', '120', '122', 'water', 'power', 'gas', 'heating'`;
const METHODS = `'one-key-transfer', 'three-party-call', 'system-push', 'call-guidance'`;
const STEPS = `'received', 'dispatched', 'handled', 'closed'`;

/**
 * The 12345 ↔ 110 interconnect (issue 15): transfers both ways with their decision, the status
 * callbacks of each, three-party call records, and the audit of every gateway call. A
 * counterpart's reference is unique per tenant and direction, so a retried push finds the
 * matter it created; one request has at most one outgoing transfer waiting for a decision.
 */
export class Linkage1764300004500 implements MigrationInterface {
  name = 'Linkage1764300004500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table linkage_transfers (
        id uuid primary key,
        tenant_id text not null,
        request_id uuid not null references requests (id),
        direction text not null check (direction in ('outgoing', 'incoming')),
        counterpart text not null check (counterpart in (${COUNTERPARTS})),
        method text not null check (method in (${METHODS})),
        state text not null check (state in ('offered', 'accepted', 'declined', 'expired')),
        counterpart_ref text,
        list_item_code text,
        offered_by text not null,
        offered_at timestamptz not null,
        decided_at timestamptz,
        decided_by text,
        decline_reason text check (decline_reason in ('not-in-scope', 'insufficient-information', 'duplicate', 'other')),
        decision_note text
      )`);
    await q.query(
      `create unique index linkage_transfers_by_counterpart_ref on linkage_transfers (tenant_id, direction, counterpart, counterpart_ref)
       where counterpart_ref is not null`,
    );
    await q.query(
      `create unique index linkage_transfers_one_open_offer on linkage_transfers (request_id) where direction = 'outgoing' and state = 'offered'`,
    );
    await q.query(`create index linkage_transfers_by_request on linkage_transfers (tenant_id, request_id)`);
    await q.query(`create index linkage_transfers_by_state on linkage_transfers (tenant_id, state, offered_at desc)`);
    await q.query(`
      create table linkage_progress (
        tenant_id text not null,
        transfer_id uuid not null references linkage_transfers (id),
        step text not null check (step in (${STEPS})),
        occurred_at timestamptz not null,
        note text not null default '',
        recorded_at timestamptz not null default now(),
        primary key (transfer_id, step)
      )`);
    await q.query(`
      create table linkage_calls (
        id uuid primary key,
        tenant_id text not null,
        counterpart text not null check (counterpart in (${COUNTERPARTS})),
        call_ref text not null,
        participants jsonb not null,
        started_at timestamptz not null,
        ended_at timestamptz not null check (ended_at >= started_at),
        first_accepted_by text not null check (first_accepted_by in ('12345', '110')),
        transfer_ref text,
        recorded_at timestamptz not null default now(),
        unique (tenant_id, counterpart, call_ref)
      )`);
    await q.query(`
      create table linkage_audit (
        id bigserial primary key,
        tenant_id text not null,
        peer text not null,
        direction text not null check (direction in ('outgoing', 'incoming')),
        method text not null,
        reference text not null default '',
        outcome text not null,
        at timestamptz not null default now()
      )`);
    await q.query(`create index linkage_audit_by_tenant on linkage_audit (tenant_id, at desc)`);
    for (const table of ['linkage_transfers', 'linkage_progress', 'linkage_calls', 'linkage_audit'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table linkage_audit`);
    await q.query(`drop table linkage_calls`);
    await q.query(`drop table linkage_progress`);
    await q.query(`drop table linkage_transfers`);
  }
}

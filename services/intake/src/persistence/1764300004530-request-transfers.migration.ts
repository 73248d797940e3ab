import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

const STATUSES = `'registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited',
  'closed', 'not-accepted', 'merged', 'transferred', 'archived'`;
const PREVIOUS_STATUSES = `'registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited',
  'closed', 'not-accepted', 'merged', 'archived'`;

/**
 * Transfers (转办) between the hotlines of a province (ADR 0027): each side keeps its own row of
 * one transfer (outgoing at the sender, incoming at the receiver, the same id), each under its own
 * tenant's isolation; a request carries where it came from or went to; `transferred` is a status.
 */
export class RequestTransfers1764300004530 implements MigrationInterface {
  name = 'RequestTransfers1764300004530';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table request_transfers (
        id uuid not null,
        tenant_id text not null,
        direction text not null check (direction in ('outgoing', 'incoming')),
        -- The sender's request (outgoing); the receiver's once it accepted (incoming).
        request_id uuid references requests (id),
        number text not null,
        counterpart_tenant text not null,
        state text not null check (state in ('offered', 'accepted', 'returned')),
        reason text not null,
        brief jsonb not null,
        offered_at timestamptz not null,
        offered_by text not null,
        decided_at timestamptz,
        decided_by text,
        decision_note text,
        primary key (tenant_id, id)
      )`);
    await q.query(`create index request_transfers_by_state on request_transfers (tenant_id, direction, state, offered_at)`);
    // One open offer per request at its sender.
    await q.query(`create unique index request_transfers_one_open on request_transfers (tenant_id, request_id) where direction = 'outgoing' and state = 'offered'`);
    for (const sql of tenantIsolationSql('request_transfers')) await q.query(sql);
    await q.query(`alter table requests add column transferred_from text, add column transferred_to text`);
    await q.query(`alter table requests drop constraint requests_status_check, add constraint requests_status_check check (status in (${STATUSES}))`);
    await q.query(
      `alter table request_timeline drop constraint request_timeline_status_check, add constraint request_timeline_status_check check (status in (${STATUSES}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `alter table request_timeline drop constraint request_timeline_status_check, add constraint request_timeline_status_check check (status in (${PREVIOUS_STATUSES}))`,
    );
    await q.query(`alter table requests drop constraint requests_status_check, add constraint requests_status_check check (status in (${PREVIOUS_STATUSES}))`);
    await q.query(`alter table requests drop column transferred_from, drop column transferred_to`);
    await q.query(`drop table request_transfers`);
  }
}

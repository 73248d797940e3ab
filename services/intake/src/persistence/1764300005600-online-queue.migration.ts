import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * The online queue and the request flags (issue 14, ADR 0034):
 * - requests.scope_decision is null while an online submission waits for the agent's scope
 *   decision (it was forced in scope before); enterprise_related marks 涉企;
 * - online_queue: each online submission's clock (received, warning, due) and its decision;
 * - intake_policies: a tenant's response limit, warning and 保密 default types (no row: the default).
 */
export class OnlineQueue1764300005600 implements MigrationInterface {
  name = 'OnlineQueue1764300005600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table requests alter column scope_decision drop not null`);
    await q.query(`alter table requests add column enterprise_related boolean not null default false`);
    await q.query(`
      create table online_queue (
        tenant_id text not null,
        request_id uuid not null,
        received_at timestamptz not null,
        warn_at timestamptz,
        due_at timestamptz not null,
        warned_at timestamptz,
        overdue_at timestamptz,
        decided_at timestamptz,
        decided_by text,
        decision text,
        primary key (tenant_id, request_id),
        constraint online_queue_decided check ((decided_at is null) = (decided_by is null) and (decided_at is null) = (decision is null))
      )`);
    // The agents' queue: what waits, most urgent first.
    await q.query(`create index online_queue_waiting on online_queue (tenant_id, due_at) where decided_at is null`);
    await q.query(`create index online_queue_by_day on online_queue (tenant_id, received_at)`);
    await q.query(`
      create table intake_policies (
        tenant_id text primary key,
        online_response_seconds int not null check (online_response_seconds between 10 and 86400),
        online_warning_seconds int not null check (online_warning_seconds >= 0 and online_warning_seconds < online_response_seconds),
        confidential_types text[] not null,
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    for (const table of ['online_queue', 'intake_policies']) for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table intake_policies`);
    await q.query(`drop table online_queue`);
    await q.query(`alter table requests drop column enterprise_related`);
    // Submissions still waiting had no decision: the earlier schema forced them in scope.
    await q.query(`update requests set scope_decision = 'in-scope' where scope_decision is null`);
    await q.query(`alter table requests alter column scope_decision set not null`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** The vocabulary's lists when this migration was written; a new code needs a migration of its check. */
export const PUSH_STATES_1764300006200 = ['active', 'paused', 'ended'] as const;
export const PUSH_DELIVERY_STATES_1764300006200 = ['pending', 'delivered', 'failed', 'cancelled'] as const;

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * Pushed data-sharing feeds (issue 17, ADR 0035 addendum):
 * - sharing_push_subscriptions: at most one per agreement (kept apart from the agreement, whose
 *   terms are immutable): where the feed goes, its signing secret (encrypted under the tenant's
 *   key, rotated with the PII keys), the batch size, and the feed's cursor — the `next` of the
 *   last batch the department acknowledged with a 2xx;
 * - sharing_push_deliveries: each batch pushed, the release it is (sharing_releases, kind feed),
 *   the URL it went to, its body encrypted until it is over, its state and attempts; one open
 *   (pending) batch per agreement, so batches reach a department in order;
 * - sharing_push_attempts: every attempt of a batch (outcome, HTTP status, error code, duration).
 */
export class SharingPush1764300006200 implements MigrationInterface {
  name = 'SharingPush1764300006200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table sharing_push_subscriptions (
        tenant_id text not null,
        agreement_id uuid not null,
        url text not null,
        secret_enc bytea not null,
        secret_rotated_at timestamptz not null,
        batch_size int not null check (batch_size between 1 and 500),
        state text not null check (state in (${list(PUSH_STATES_1764300006200)})),
        state_reason text,
        cursor text,
        since timestamptz,
        set_by text not null,
        set_at timestamptz not null,
        updated_by text not null,
        updated_at timestamptz not null,
        primary key (tenant_id, agreement_id),
        foreign key (tenant_id, agreement_id) references sharing_agreements (tenant_id, id)
      )`);
    await q.query(`
      create table sharing_push_deliveries (
        tenant_id text not null,
        id uuid not null,
        agreement_id uuid not null,
        release_id uuid not null,
        url text not null,
        body_enc bytea,
        item_count int not null check (item_count > 0),
        cursor_after text,
        cursor_next text not null,
        state text not null check (state in (${list(PUSH_DELIVERY_STATES_1764300006200)})),
        state_reason text,
        attempts int not null default 0,
        last_status int,
        last_error text,
        next_attempt_at timestamptz,
        created_at timestamptz not null,
        delivered_at timestamptz,
        ended_at timestamptz,
        primary key (tenant_id, id),
        foreign key (tenant_id, agreement_id) references sharing_agreements (tenant_id, id),
        foreign key (tenant_id, release_id) references sharing_releases (tenant_id, id),
        -- A batch that is over keeps no data: what it released is in the release log.
        check (state in ('pending', 'failed') or body_enc is null)
      )`);
    await q.query(`create unique index sharing_push_one_open on sharing_push_deliveries (tenant_id, agreement_id) where state = 'pending'`);
    await q.query(`create index sharing_push_deliveries_by_agreement on sharing_push_deliveries (tenant_id, agreement_id, created_at desc, id desc)`);
    await q.query(`
      create table sharing_push_attempts (
        tenant_id text not null,
        delivery_id uuid not null,
        attempt int not null check (attempt >= 1),
        attempted_at timestamptz not null,
        outcome text not null check (outcome in ('delivered', 'failed')),
        http_status int,
        error text,
        duration_ms int not null check (duration_ms >= 0),
        primary key (tenant_id, delivery_id, attempt),
        foreign key (tenant_id, delivery_id) references sharing_push_deliveries (tenant_id, id)
      )`);
    for (const table of ['sharing_push_subscriptions', 'sharing_push_deliveries', 'sharing_push_attempts'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table sharing_push_attempts`);
    await q.query(`drop table sharing_push_deliveries`);
    await q.query(`drop table sharing_push_subscriptions`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { NOTIFICATION_CHANNELS, NOTIFICATION_RECIPIENT_KINDS, NOTIFICATION_STATUSES } from '@hotline/vocabulary';
import { tenantIsolationSql } from '../persistence/data-source';

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * The notification outbox (ADR 0029), in every service's database. `notifications` holds what is
 * to be told to whom — tenant-owned, under row-level security: the recipient as a reference and
 * a masked form, a personal address only as the owner's ciphertext and only until the delivery
 * is over (delivered or failed: erased then), the template and its coded
 * parameters, and the delivery's record (status, attempts, last error code, when it was
 * delivered or failed, when a clear address was last handed to a gateway). One row per fact,
 * recipient and template (the unique key), so a redelivered event enqueues nothing twice.
 * `notification_queue` is the relay's work list, read across tenants like the timers: ids, tenant
 * and the next attempt's time only, nothing to read; a row leaves it when its notification is
 * delivered or failed. A statement trigger wakes the relay at the commit that queued work.
 * Templates are not checked here: a new one is a vocabulary line, not a migration.
 */
export class PlatformNotifications1764300004700 implements MigrationInterface {
  name = 'PlatformNotifications1764300004700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table notifications (
        id uuid primary key,
        tenant_id text not null,
        source_ref text not null,
        recipient_kind text not null check (recipient_kind in (${list(NOTIFICATION_RECIPIENT_KINDS)})),
        recipient_ref text not null,
        recipient_masked text not null,
        recipient_address_enc bytea,
        channel text not null check (channel in (${list(NOTIFICATION_CHANNELS)})),
        template text not null,
        params jsonb not null default '{}',
        request_id text,
        status text not null default 'pending' check (status in (${list(NOTIFICATION_STATUSES)})),
        attempts int not null default 0,
        last_error text,
        created_at timestamptz not null default now(),
        last_attempt_at timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        address_disclosed_at timestamptz,
        constraint notifications_once unique (tenant_id, source_ref, recipient_kind, recipient_ref, template)
      )`);
    await q.query(`create index notifications_by_time on notifications (tenant_id, created_at desc, id desc)`);
    await q.query(`create index notifications_by_status on notifications (tenant_id, status, created_at desc)`);
    for (const sql of tenantIsolationSql('notifications')) await q.query(sql);
    await q.query(`
      create table notification_queue (
        notification_id uuid primary key,
        tenant_id text not null,
        next_attempt_at timestamptz not null default now()
      )`);
    await q.query(`create index notification_queue_due on notification_queue (next_attempt_at)`);
    await q.query(`
      create function notify_notification_queue() returns trigger language plpgsql as $$
      begin
        perform pg_notify('hl_notifications', '');
        return null;
      end $$`);
    await q.query(
      `create trigger notification_queue_notify after insert on notification_queue for each statement execute function notify_notification_queue()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger notification_queue_notify on notification_queue`);
    await q.query(`drop function notify_notification_queue()`);
    await q.query(`drop table notification_queue`);
    await q.query(`drop table notifications`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables every service owns for reliable messaging and durable timers. They are system
 * tables read across tenants by the relay and workers, so they carry tenant_id but no RLS
 * policy; no API reads them.
 */
export class PlatformSchema1764300000000 implements MigrationInterface {
  name = 'PlatformSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table outbox (
        seq bigserial primary key,
        id uuid not null unique,
        tenant_id text not null,
        aggregate_type text not null,
        aggregate_id text not null,
        event_type text not null,
        subject text not null,
        payload bytea not null,
        headers jsonb not null default '{}',
        created_at timestamptz not null default now(),
        published_at timestamptz,
        attempts int not null default 0,
        last_error text
      )`);
    await q.query(`create index outbox_unpublished on outbox (seq) where published_at is null`);
    await q.query(`
      create table inbox (
        consumer text not null,
        message_id text not null,
        tenant_id text not null,
        event_type text not null,
        subject text not null,
        received_at timestamptz not null default now(),
        primary key (consumer, message_id)
      )`);
    await q.query(`
      create table dead_letters (
        id bigserial primary key,
        consumer text not null,
        message_id text,
        subject text not null,
        event_type text,
        tenant_id text,
        headers jsonb not null default '{}',
        payload bytea not null,
        deliveries int not null,
        error text not null,
        recorded_at timestamptz not null default now()
      )`);
    await q.query(`
      create table timers (
        id uuid primary key,
        tenant_id text not null,
        kind text not null,
        key text not null,
        due_at timestamptz not null,
        payload jsonb not null default '{}',
        state text not null default 'pending' check (state in ('pending', 'fired', 'failed', 'cancelled')),
        attempts int not null default 0,
        last_error text,
        fired_at timestamptz,
        fired_by text,
        created_at timestamptz not null default now(),
        unique (kind, key)
      )`);
    await q.query(`create index timers_due on timers (due_at) where state = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['timers', 'dead_letters', 'inbox', 'outbox']) await q.query(`drop table ${table}`);
  }
}


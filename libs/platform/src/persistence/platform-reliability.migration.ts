import { TENANT_CODE_MAX_LENGTH, TENANT_CODE_PATTERN } from '@hotline/vocabulary';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './data-source';

/**
 * Dead letters an operator can work: where each came from, which stream message it was, and
 * whether it was replayed. One row per consumer and message (a message that fails again after
 * a replay updates its row), so replays and repeated advisories never multiply them.
 */
export class PlatformDeadLetters1764300002000 implements MigrationInterface {
  name = 'PlatformDeadLetters1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table dead_letters
        add column source text not null default 'consumer' check (source in ('consumer', 'broker', 'advisory')),
        add column stream_sequence bigint,
        add column replayed_at timestamptz,
        add column replay_count int not null default 0,
        add column last_replay_error text`);
    await q.query(`delete from dead_letters d using dead_letters newer
                   where d.consumer = newer.consumer and d.message_id = newer.message_id and d.id < newer.id`);
    await q.query(`create unique index dead_letters_one_per_message on dead_letters (consumer, message_id) where message_id is not null`);
    await q.query(`create index dead_letters_waiting on dead_letters (consumer, recorded_at) where replayed_at is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index dead_letters_waiting`);
    await q.query(`drop index dead_letters_one_per_message`);
    await q.query(`alter table dead_letters drop column source, drop column stream_sequence, drop column replayed_at,
                   drop column replay_count, drop column last_replay_error`);
  }
}

/**
 * The first outcome of a call made with an Idempotency-Key, stored in the transaction of the
 * call's own writes, so a retried call finds either nothing (the first did not commit) or the
 * committed outcome — never a second effect. Tenant-owned: it holds response bodies.
 */
export class PlatformIdempotencyKeys1764300002100 implements MigrationInterface {
  name = 'PlatformIdempotencyKeys1764300002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table idempotency_keys (
        tenant_id text not null,
        key text not null,
        method text not null,
        route text not null,
        fingerprint text not null,
        status int,
        response jsonb,
        created_at timestamptz not null default now(),
        primary key (tenant_id, key)
      )`);
    await q.query(`create index idempotency_keys_age on idempotency_keys (tenant_id, created_at)`);
    for (const sql of tenantIsolationSql('idempotency_keys')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table idempotency_keys`);
  }
}

/**
 * Wakes the outbox relay at commit: a statement-level trigger notifies `hl_outbox` whenever
 * rows are added (PostgreSQL delivers notifications when the transaction commits, and folds
 * several of one transaction into one), so events leave within milliseconds instead of at the
 * relay's next poll.
 */
export class PlatformOutboxNotify1764300002200 implements MigrationInterface {
  name = 'PlatformOutboxNotify1764300002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function notify_outbox() returns trigger language plpgsql as $$
      begin
        perform pg_notify('hl_outbox', '');
        return null;
      end $$`);
    await q.query(`create trigger outbox_notify after insert on outbox for each statement execute function notify_outbox()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger outbox_notify on outbox`);
    await q.query(`drop function notify_outbox()`);
  }
}

/**
 * Every service's copy of the tenant registry (intake owns it and announces each change with
 * TenantChanged): which tenants exist and whether they are active, so a token of an unknown or
 * suspended tenant is refused everywhere. A system table like the outbox (read across tenants to
 * authorise callers; it holds no personal data), so it has no row-level security.
 */
/**
 * A database upgraded from 0.1.0 already holds tenants that no registry ever recorded: every
 * tenant_id in its tables becomes an active entry (named by its code, changed by
 * 'upgrade:0.2.0'), so the upgrade refuses nobody's tokens. The province operator renames them
 * (PATCH /v1/tenants/:code, which also announces them to every service) or suspends them.
 */
async function backfillTenantsOfStoredRows(q: QueryRunner): Promise<void> {
  const tables: Array<{ table: string; forced: boolean }> = await q.query(
    `select c.table_name as table, k.relforcerowsecurity as forced
       from information_schema.columns c join pg_class k on k.relname = c.table_name and k.relnamespace = current_schema()::regnamespace
      where c.table_schema = current_schema() and c.column_name = 'tenant_id' and k.relkind = 'r'`,
  );
  for (const { table, forced } of tables) {
    // The owner reads past row-level security only where it is not forced; forced again after.
    if (forced) await q.query(`alter table "${table}" no force row level security`);
    await q.query(
      `insert into tenant_directory (code, name, kind, status, changed_by)
       select distinct tenant_id, tenant_id, case when tenant_id like 'province%' then 'province' else 'city' end, 'active', 'upgrade:0.2.0'
         from "${table}" where tenant_id ~ $1 and length(tenant_id) <= $2
       on conflict (code) do nothing`,
      [TENANT_CODE_PATTERN.source, TENANT_CODE_MAX_LENGTH],
    );
    if (forced) await q.query(`alter table "${table}" force row level security`);
  }
}

export class PlatformTenantDirectory1764300002300 implements MigrationInterface {
  name = 'PlatformTenantDirectory1764300002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table tenant_directory (
        code text primary key,
        name text not null,
        kind text not null check (kind in ('city', 'province')),
        region_code text not null default '',
        time_zone text not null default 'Asia/Shanghai',
        status text not null check (status in ('active', 'suspended')),
        created_at timestamptz not null default now(),
        changed_at timestamptz not null default now(),
        changed_by text not null default ''
      )`);
    await backfillTenantsOfStoredRows(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table tenant_directory`);
  }
}

/**
 * The request counts of the HTTP rate limits (per client address, per tenant), shared by every
 * replica of the service. Unlogged: no WAL for a counter that lives a minute; a crash empties it.
 */
export class PlatformRateLimits1764300002400 implements MigrationInterface {
  name = 'PlatformRateLimits1764300002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create unlogged table rate_limit_windows (
        key text not null,
        window_start timestamptz not null,
        count integer not null,
        primary key (key, window_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table rate_limit_windows`);
  }
}

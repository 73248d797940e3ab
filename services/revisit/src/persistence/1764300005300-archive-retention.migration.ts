import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, tenantIsolationSql, uuidv7 } from '@hotline/platform';
import { dailyRetentionTimer } from '../retention/retention-schedule';

// ANONYMISED_MARKER of the vocabulary when this migration was written: the guard below lets a
// value be replaced by it and by nothing else. A later marker needs a migration of its own.
const MARKER_1764300005300 = '〔已匿名化〕';

/**
 * Retention of closed requests (issue 13).
 *
 * - archive_records: a record anonymised by a retention run keeps its sequence, its hashes and
 *   every value that is not identity or free text; it gains when and by which run, the seal of
 *   what is left (`anonymised_hash`) and the chain entry that lists it (`anonymised_in`).
 * - The append-only guard (ArchiveAppendOnly1764300001420) now allows exactly one UPDATE of a
 *   row: its anonymisation, once, where every other column stays as it was, the record's values
 *   are either kept or replaced by the marker (removed, never changed), and the anonymisation
 *   entry it names is already in the chain. Everything else is refused as before, DELETE and
 *   TRUNCATE included.
 * - retention_policies (one row per tenant that set one; none: the vocabulary's default),
 *   retention_runs (each run's policy, cut-off, counts and progress) and archive_exports (the
 *   records office's exports: who, which period, how many records).
 * - Every tenant that has an archive gets its daily retention timer (new archives schedule theirs
 *   as they append).
 */
export class ArchiveRetention1764300005300 implements MigrationInterface {
  name = 'ArchiveRetention1764300005300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table archive_records
        add column anonymised_at timestamptz,
        add column anonymisation_run_id uuid,
        add column anonymised_hash text,
        add column anonymised_in bigint,
        add constraint archive_records_anonymised_check check (
          (anonymised_at is null) = (anonymisation_run_id is null)
          and (anonymised_at is null) = (anonymised_hash is null)
          and (anonymised_at is null) = (anonymised_in is null))`);
    // Retention finds closed requests by time, exports read a period: both by archived_at.
    await q.query(`create index archive_records_by_time on archive_records (tenant_id, archived_at)`);
    await q.query(`create index archive_records_by_anonymisation on archive_records (tenant_id, anonymised_in) where anonymised_in is not null`);

    await q.query(`
      create function archive_record_values_removed(o jsonb, n jsonb) returns boolean language plpgsql immutable as $$
      declare
        k text;
        i int;
      begin
        if n = o then return true; end if;
        if jsonb_typeof(o) = 'string' and jsonb_typeof(n) = 'string' then return n #>> '{}' = '${MARKER_1764300005300}'; end if;
        if jsonb_typeof(o) = 'object' and jsonb_typeof(n) = 'object' then
          if (select coalesce(array_agg(x order by x), '{}') from jsonb_object_keys(o) x)
             is distinct from (select coalesce(array_agg(x order by x), '{}') from jsonb_object_keys(n) x) then
            return false;
          end if;
          for k in select jsonb_object_keys(o) loop
            if not archive_record_values_removed(o -> k, n -> k) then return false; end if;
          end loop;
          return true;
        end if;
        if jsonb_typeof(o) = 'array' and jsonb_typeof(n) = 'array' then
          if jsonb_array_length(o) <> jsonb_array_length(n) then return false; end if;
          for i in 0 .. jsonb_array_length(o) - 1 loop
            if not archive_record_values_removed(o -> i, n -> i) then return false; end if;
          end loop;
          return true;
        end if;
        return false;
      end
      $$`);
    await q.query(`
      create function archive_records_guard() returns trigger language plpgsql as $$
      declare
        kept constant text[] := array['record', 'anonymised_at', 'anonymisation_run_id', 'anonymised_hash', 'anonymised_in'];
      begin
        -- The one change allowed: a retention run's anonymisation of a record, once.
        if tg_op = 'UPDATE'
           and old.anonymised_at is null and new.anonymised_at is not null
           and new.anonymisation_run_id is not null and new.anonymised_hash is not null and new.anonymised_in > old.sequence
           and (to_jsonb(new) - kept) = (to_jsonb(old) - kept)
           and archive_record_values_removed(old.record, new.record)
           and exists (select 1 from archive_records e
                       where e.tenant_id = new.tenant_id and e.sequence = new.anonymised_in and e.record ->> 'format' = 'anonymisation/1') then
          return new;
        end if;
        raise exception 'archive_records is append-only: % refused', tg_op
          using errcode = 'insufficient_privilege',
                hint = 'archive records are never changed or removed, except anonymised once by a retention run; the hash chain proves it';
      end
      $$`);
    await q.query(`drop trigger archive_records_no_change on archive_records`);
    await q.query(`
      create trigger archive_records_no_change before update or delete on archive_records
      for each row execute function archive_records_guard()`);

    await q.query(`
      create table retention_policies (
        tenant_id text primary key,
        closed_request_years int not null check (closed_request_years between 1 and 100),
        anonymise_identity boolean not null,
        anonymise_free_text boolean not null,
        updated_at timestamptz not null,
        updated_by text not null
      )`);
    await q.query(`
      create table retention_runs (
        id uuid primary key,
        tenant_id text not null,
        trigger text not null check (trigger in ('schedule', 'on-demand')),
        status text not null check (status in ('running', 'completed', 'failed')),
        as_of timestamptz not null,
        cutoff timestamptz not null,
        closed_request_years int not null,
        anonymise_identity boolean not null,
        anonymise_free_text boolean not null,
        batch_size int not null check (batch_size between 1 and 10000),
        total int not null check (total >= 0),
        anonymised int not null default 0 check (anonymised >= 0),
        batches int not null default 0,
        last_sequence bigint not null default 0,
        until_sequence bigint not null,
        requested_by text not null,
        started_at timestamptz not null,
        updated_at timestamptz not null,
        finished_at timestamptz,
        error text
      )`);
    // One run at a time per tenant: two would append interleaved entries for the same records.
    await q.query(`create unique index retention_runs_one_running on retention_runs (tenant_id) where status = 'running'`);
    await q.query(`create index retention_runs_by_time on retention_runs (tenant_id, started_at desc)`);
    await q.query(`
      create table archive_exports (
        id uuid primary key,
        tenant_id text not null,
        exported_by text not null,
        roles text[] not null,
        from_day date not null,
        to_day date not null,
        time_zone text not null,
        total int not null,
        count int,
        last_hash text,
        status text not null check (status in ('started', 'completed', 'aborted')),
        started_at timestamptz not null,
        finished_at timestamptz
      )`);
    await q.query(`create index archive_exports_by_time on archive_exports (tenant_id, started_at desc)`);
    for (const table of ['retention_policies', 'retention_runs', 'archive_exports'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);

    await acrossTenants(q, ['archive_records'], async () => {
      const tenants: Array<{ tenant_id: string }> = await q.query(`select distinct tenant_id from archive_records`);
      const now = new Date();
      for (const { tenant_id } of tenants) {
        const t = dailyRetentionTimer(tenant_id, now);
        await q.query(
          `insert into timers (id, tenant_id, kind, key, due_at, payload) values ($1, $2, $3, $4, $5, '{}') on conflict (kind, key) do nothing`,
          [uuidv7(), t.tenantId, t.kind, t.key, t.dueAt],
        );
      }
    });
  }

  async down(q: QueryRunner): Promise<void> {
    // Anonymised records stay as they are (their content is gone); the columns that seal them go,
    // so the earlier release would report them as tampered: refuse rather than lose the seals.
    await acrossTenants(q, ['archive_records'], async () => {
      const [{ n }] = await q.query(`select count(*)::int as n from archive_records where anonymised_at is not null`);
      if (n > 0) throw new Error(`${n} archive records are anonymised: the earlier release cannot verify them; cannot undo`);
    });
    await q.query(`delete from timers where kind in ('retention-daily', 'retention-batch')`);
    for (const table of ['archive_exports', 'retention_runs', 'retention_policies']) await q.query(`drop table ${table}`);
    await q.query(`drop trigger archive_records_no_change on archive_records`);
    await q.query(`
      create trigger archive_records_no_change before update or delete on archive_records
      for each row execute function archive_records_append_only()`);
    await q.query(`drop function archive_records_guard()`);
    await q.query(`drop function archive_record_values_removed(jsonb, jsonb)`);
    await q.query(`drop index archive_records_by_anonymisation`);
    await q.query(`drop index archive_records_by_time`);
    await q.query(`
      alter table archive_records drop constraint archive_records_anonymised_check,
        drop column anonymised_in, drop column anonymised_hash, drop column anonymisation_run_id, drop column anonymised_at`);
  }
}

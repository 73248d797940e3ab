import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PII_ACCESS_PURPOSES when this migration was written, and the placeholder of older reads; a
 * new purpose needs a migration of the check (as in handling's log).
 */
export const ACCESS_PURPOSES_1764300001600 = [
  'contact-requester',
  'verify-identity',
  'handle-request',
  'supervision',
  'complaint-or-dispute',
  'legal-request',
  'unstated',
] as const;

/**
 * Every clear read states its purpose (and may add a note), and records which fields it
 * disclosed. Reads logged before, and reads the previous release makes after a rollback, take
 * the defaults: purpose `unstated`, fields `{requester}` (that release disclosed the whole
 * identity, and nothing else). The log only grows from now on (UPDATE, DELETE and TRUNCATE
 * raise, as in handling's). Indexes for its API: newest first, or by request.
 */
export class AccessPurposes1764300001600 implements MigrationInterface {
  name = 'AccessPurposes1764300001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table pii_access_log
        add column purpose text not null default 'unstated'
          check (purpose in (${ACCESS_PURPOSES_1764300001600.map((p) => `'${p}'`).join(', ')})),
        add column note text,
        add column fields text[] not null default '{requester}'`);
    await q.query(`create index pii_access_log_by_time on pii_access_log (tenant_id, at desc, id desc)`);
    await q.query(`create index pii_access_log_by_request on pii_access_log (tenant_id, request_id)`);
    await q.query(`
      create function pii_access_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'pii_access_log is append-only: % refused', tg_op
          using errcode = 'insufficient_privilege', hint = 'the record of clear reads is never changed or removed';
      end
      $$`);
    await q.query(`
      create trigger pii_access_log_no_change before update or delete on pii_access_log
      for each row execute function pii_access_log_append_only()`);
    await q.query(`
      create trigger pii_access_log_no_truncate before truncate on pii_access_log
      for each statement execute function pii_access_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger pii_access_log_no_truncate on pii_access_log`);
    await q.query(`drop trigger pii_access_log_no_change on pii_access_log`);
    await q.query(`drop function pii_access_log_append_only()`);
    await q.query(`drop index pii_access_log_by_request`);
    await q.query(`drop index pii_access_log_by_time`);
    await q.query(`alter table pii_access_log drop column fields, drop column note, drop column purpose`);
  }
}

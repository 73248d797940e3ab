import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, tenantIsolationSql } from '@hotline/platform';
import { maskStoredEvents, protectStoredWorkOrders } from './personal-data-backfill';

/** PII_ACCESS_PURPOSES when this migration was written; a new purpose needs a migration of the check. */
export const ACCESS_PURPOSES_1764300003100 = [
  'contact-requester',
  'verify-identity',
  'handle-request',
  'supervision',
  'complaint-or-dispute',
  'legal-request',
] as const;

/**
 * Personal data in handling's free text (issue 10): the answer, basis and contact record gain
 * an encrypted column for their clear text (the plain columns keep the masked text), and every
 * clear read is recorded in pii_access_log, which only grows (UPDATE, DELETE and TRUNCATE raise,
 * as for revisit's archive). Rows stored before are protected across tenants: answers masked and
 * encrypted (this needs handling's PII_MASTER_KEY when any holds personal data), the briefs'
 * titles and contents masked, and the free text of handling's own events in the outbox masked.
 */
export class PersonalDataInWorkOrders1764300003100 implements MigrationInterface {
  name = 'PersonalDataInWorkOrders1764300003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table work_orders add column answer_enc bytea, add column basis_enc bytea, add column contact_record_enc bytea`);
    await q.query(`
      create table pii_access_log (
        id bigserial primary key,
        tenant_id text not null,
        accessed_at timestamptz not null default now(),
        subject text not null,
        roles text[] not null,
        purpose text not null check (purpose in (${ACCESS_PURPOSES_1764300003100.map((p) => `'${p}'`).join(', ')})),
        work_order_id uuid not null,
        request_id text not null,
        fields text[] not null
      )`);
    await q.query(`create index pii_access_log_accessed_idx on pii_access_log (tenant_id, accessed_at desc, id desc)`);
    await q.query(`create index pii_access_log_work_order_idx on pii_access_log (tenant_id, work_order_id)`);
    for (const sql of tenantIsolationSql('pii_access_log')) await q.query(sql);
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

    await acrossTenants(q, ['work_orders'], () => protectStoredWorkOrders(q));
    await maskStoredEvents(q);
  }

  async down(q: QueryRunner): Promise<void> {
    // The masked text stays: the clear text it replaced is gone with the encrypted columns.
    await q.query(`drop table pii_access_log`);
    await q.query(`drop function pii_access_log_append_only()`);
    await q.query(`alter table work_orders drop column answer_enc, drop column basis_enc, drop column contact_record_enc`);
  }
}

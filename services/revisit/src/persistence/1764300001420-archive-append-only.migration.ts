import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The archive chain may only grow: UPDATE and DELETE (per row) and TRUNCATE (per statement) on
 * archive_records raise an exception, whoever runs them through ordinary DML, the service's own
 * role included. The table owner can still `alter table … disable trigger`, which is DDL: run
 * migrations under a separate owner role and grant the service INSERT and SELECT only. Whatever
 * gets past both is still found by the hash chain (GET /v1/archive/verify, verify-archive).
 */
export class ArchiveAppendOnly1764300001420 implements MigrationInterface {
  name = 'ArchiveAppendOnly1764300001420';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function archive_records_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'archive_records is append-only: % refused', tg_op
          using errcode = 'insufficient_privilege',
                hint = 'archive records are never changed or removed; the hash chain proves it';
      end
      $$`);
    await q.query(`
      create trigger archive_records_no_change before update or delete on archive_records
      for each row execute function archive_records_append_only()`);
    await q.query(`
      create trigger archive_records_no_truncate before truncate on archive_records
      for each statement execute function archive_records_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger archive_records_no_truncate on archive_records`);
    await q.query(`drop trigger archive_records_no_change on archive_records`);
    await q.query(`drop function archive_records_append_only()`);
  }
}

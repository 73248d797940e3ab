import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Wrong 提取码 of the public lookup, per tenant and request number (known or not), so that every
 * replica counts the same attempts and locks the same numbers. Rows older than the lockout
 * window are deleted as new ones come.
 */
export class AccessCodeAttempts1764300001700 implements MigrationInterface {
  name = 'AccessCodeAttempts1764300001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table access_code_attempts (
        id bigint generated always as identity primary key,
        tenant_id text not null,
        number text not null,
        at timestamptz not null default now()
      )`);
    await q.query(`create index access_code_attempts_by_number on access_code_attempts (tenant_id, number, at desc)`);
    await q.query(`create index access_code_attempts_by_age on access_code_attempts (tenant_id, at)`);
    for (const sql of tenantIsolationSql('access_code_attempts')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table access_code_attempts`);
  }
}

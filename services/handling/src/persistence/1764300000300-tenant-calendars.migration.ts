import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

export class TenantCalendars1764300000300 implements MigrationInterface {
  name = 'TenantCalendars1764300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table tenant_calendars (
        tenant_id text primary key,
        time_zone text not null default 'Asia/Shanghai',
        extra_holidays text[] not null default '{}',
        extra_working_days text[] not null default '{}',
        updated_at timestamptz not null default now()
      )`);
    for (const sql of tenantIsolationSql('tenant_calendars')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table tenant_calendars`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Holiday years beyond those shipped in libs/calendar: province-wide (loaded by the province
 * operator's command, national data for every tenant: no tenant owns it, so no RLS) and a
 * tenant's own (RLS). calendar_coverage_gaps is a system table like outbox and timers: the
 * (tenant, year) pairs for which a provisional due was computed, so a province-wide load knows
 * which tenants to recompute (there is no tenant registry); it holds only codes and years.
 */
export class HolidayYears1764300001110 implements MigrationInterface {
  name = 'HolidayYears1764300001110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table province_holiday_years (
        year integer primary key,
        notice text not null,
        holidays jsonb not null,
        loaded_at timestamptz not null,
        loaded_by text not null
      )`);
    await q.query(`
      create table tenant_holiday_years (
        tenant_id text not null,
        year integer not null,
        notice text not null,
        holidays jsonb not null,
        loaded_at timestamptz not null,
        loaded_by text not null,
        primary key (tenant_id, year)
      )`);
    for (const sql of tenantIsolationSql('tenant_holiday_years')) await q.query(sql);
    await q.query(`
      create table calendar_coverage_gaps (
        tenant_id text not null,
        year integer not null,
        detected_at timestamptz not null default now(),
        primary key (tenant_id, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['calendar_coverage_gaps', 'tenant_holiday_years', 'province_holiday_years']) await q.query(`drop table ${table}`);
  }
}

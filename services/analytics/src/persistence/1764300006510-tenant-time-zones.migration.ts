import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '@hotline/calendar';
import { tenantIsolationSql } from '@hotline/platform';
import { rebucketTenantDays } from '../tenant-settings/tenant-time-zones';

/**
 * The zone each tenant's local days are counted in (ADR 0038), kept from intake's TenantChanged
 * by the read model's consumer; a tenant without a row is counted in Asia/Shanghai. Until now
 * every day was Asia/Shanghai's: the tenants the directory already knows get their zone here,
 * and those outside Asia/Shanghai have their stored days counted again (the same code as a
 * change of zone at run time), one tenant at a time under its own row-level security.
 */
export class TenantTimeZones1764300006510 implements MigrationInterface {
  name = 'TenantTimeZones1764300006510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table tenant_settings (
        tenant_id text primary key,
        time_zone text not null,
        changed_at timestamptz not null,
        updated_at timestamptz not null default now()
      )`);
    for (const sql of tenantIsolationSql('tenant_settings')) await q.query(sql);
    const tenants: Array<{ code: string; time_zone: string; changed_at: Date }> = await q.query(
      `select code, coalesce(nullif(time_zone, ''), $1) as time_zone, changed_at from tenant_directory order by code`,
      [DEFAULT_TIME_ZONE],
    );
    const [{ current }]: Array<{ current: string | null }> = await q.query(`select current_setting('app.tenant_id', true) as current`);
    for (const t of tenants) {
      await q.query(`select set_config('app.tenant_id', $1, true)`, [t.code]);
      await q.query(`insert into tenant_settings (tenant_id, time_zone, changed_at) values ($1, $2, $3)`, [t.code, t.time_zone, t.changed_at]);
      if (t.time_zone !== DEFAULT_TIME_ZONE) await rebucketTenantDays(q.manager, t.code, t.time_zone);
    }
    await q.query(`select set_config('app.tenant_id', $1, true)`, [current ?? '']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table tenant_settings`);
  }
}

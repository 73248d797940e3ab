import { EntityManager } from 'typeorm';
import { createWorkingCalendar, DEFAULT_TIME_ZONE, NATIONAL_HOLIDAY_DATA, WorkingCalendar, YearHolidayData } from '@hotline/calendar';
import { resolveYears, SourcedYear } from '@hotline/handling-domain';
import { ProvinceHolidayYearEntity, TenantHolidayYearEntity } from './holiday-year.entity';
import { TenantCalendarEntity } from './tenant-calendar.entity';

export interface CalendarSettings {
  timeZone: string;
  extraHolidays: string[];
  extraWorkingDays: string[];
  /** Null while the tenant uses the national calendar unchanged. */
  updatedAt: Date | null;
}

/** The settings of a tenant that has none of its own: the national calendar unchanged. */
export const NATIONAL_CALENDAR_SETTINGS: CalendarSettings = { timeZone: DEFAULT_TIME_ZONE, extraHolidays: [], extraWorkingDays: [], updatedAt: null };

export async function loadCalendarSettings(manager: EntityManager, tenantId: string): Promise<CalendarSettings> {
  return (await manager.getRepository(TenantCalendarEntity).findOneBy({ tenantId })) ?? NATIONAL_CALENDAR_SETTINGS;
}

export async function saveCalendarSettings(manager: EntityManager, settings: TenantCalendarEntity): Promise<void> {
  await manager.getRepository(TenantCalendarEntity).upsert(settings, ['tenantId']);
}

const toData = (row: { year: number; notice: string; holidays: YearHolidayData['holidays'] }): YearHolidayData => ({
  year: row.year,
  notice: row.notice,
  holidays: row.holidays,
});

/** Every year's data the tenant of the transaction could use, from each source (RLS scopes the tenant's own). */
export async function loadSourcedYears(manager: EntityManager): Promise<SourcedYear[]> {
  const province = await manager.getRepository(ProvinceHolidayYearEntity).find();
  const tenant = await manager.getRepository(TenantHolidayYearEntity).find();
  return [
    ...NATIONAL_HOLIDAY_DATA.map((data): SourcedYear => ({ source: 'shipped', data })),
    ...province.map((r): SourcedYear => ({ source: 'province', data: toData(r), loadedAt: r.loadedAt, loadedBy: r.loadedBy })),
    ...tenant.map((r): SourcedYear => ({ source: 'tenant', data: toData(r), loadedAt: r.loadedAt, loadedBy: r.loadedBy })),
  ];
}

/** The calendar of the given settings and years, each year from its highest source. */
export function buildWorkingCalendar(settings: CalendarSettings, years: readonly SourcedYear[]): WorkingCalendar {
  return createWorkingCalendar({
    timeZone: settings.timeZone,
    nationalYears: resolveYears(years).map((y) => y.data),
    extraHolidays: settings.extraHolidays,
    extraWorkingDays: settings.extraWorkingDays,
  });
}

/** The tenant's working calendar: its settings and every year known to it. */
export async function tenantWorkingCalendar(manager: EntityManager, tenantId: string): Promise<WorkingCalendar> {
  return buildWorkingCalendar(await loadCalendarSettings(manager, tenantId), await loadSourcedYears(manager));
}

export async function saveTenantYear(manager: EntityManager, row: TenantHolidayYearEntity): Promise<void> {
  await manager.getRepository(TenantHolidayYearEntity).upsert(row, ['tenantId', 'year']);
}

/** Stores a province-wide year; true when it replaced an earlier load of the same year. */
export async function saveProvinceYear(manager: EntityManager, row: ProvinceHolidayYearEntity): Promise<boolean> {
  const repo = manager.getRepository(ProvinceHolidayYearEntity);
  const replaced = await repo.existsBy({ year: row.year });
  await repo.upsert(row, ['year']);
  return replaced;
}

/** Records that a provisional due was computed into these years for the tenant. */
export async function recordCoverageGaps(manager: EntityManager, tenantId: string, years: readonly number[]): Promise<void> {
  if (years.length === 0) return;
  await manager.query(
    `insert into calendar_coverage_gaps (tenant_id, year) select $1, unnest($2::int[]) on conflict do nothing`,
    [tenantId, years],
  );
}

/** Tenants that computed a provisional due into `year` (system table: every tenant). */
export async function tenantsWithGap(manager: EntityManager, year: number): Promise<string[]> {
  const rows: Array<{ tenant_id: string }> = await manager.query(
    `select tenant_id from calendar_coverage_gaps where year = $1 order by tenant_id`,
    [year],
  );
  return rows.map((r) => r.tenant_id);
}

export async function clearCoverageGap(manager: EntityManager, tenantId: string, year: number): Promise<void> {
  await manager.query(`delete from calendar_coverage_gaps where tenant_id = $1 and year = $2`, [tenantId, year]);
}

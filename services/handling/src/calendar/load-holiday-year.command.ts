import { DataSource, EntityManager } from 'typeorm';
import { CalendarInputError, YearHolidayData } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { higherSourceFor, SourcedYear, YearSource } from '@hotline/handling-domain';
import { inTenantTransaction, Outbox, ProblemError } from '@hotline/platform';
import { recomputeProvisionalDues } from '../work-orders/recompute-provisional-dues';
import {
  buildWorkingCalendar,
  CalendarSettings,
  loadCalendarSettings,
  loadSourcedYears,
  NATIONAL_CALENDAR_SETTINGS,
  saveProvinceYear,
  saveTenantYear,
  tenantsWithGap,
} from './calendar.repository';

export interface YearLoaded {
  year: number;
  notice: string;
  scope: Exclude<YearSource, 'shipped'>;
  recomputedWorkOrders: number;
  loadedAt: Date;
  loadedBy: string;
}

/** The conflict when a higher source already has the year: its data wins and a load here would never apply. */
export class YearKnownError extends Error {
  constructor(readonly known: SourcedYear) {
    super(`${known.data.year} is already known from the ${known.source} calendar (${known.data.notice})`);
  }
}

/**
 * Checks the calendar still builds with the year put in place of the loader's earlier copy: its
 * New Year days may reach into the year before, whose data must not make the same date a working day.
 */
function assertCalendarBuilds(settings: CalendarSettings, years: readonly SourcedYear[], loaded: SourcedYear): void {
  const others = years.filter((y) => !(y.source === loaded.source && y.data.year === loaded.data.year));
  try {
    buildWorkingCalendar(settings, [...others, loaded]);
  } catch (err) {
    if (err instanceof CalendarInputError) throw ProblemError.validation([{ field: 'holidays', message: err.message }]);
    throw err;
  }
}

/** Recomputes the tenant's provisional dues on the year and records CalendarYearLoaded (in its transaction). */
async function applyYear(manager: EntityManager, outbox: Outbox, tenantId: string, loaded: Omit<YearLoaded, 'recomputedWorkOrders'>) {
  const recomputedWorkOrders = await recomputeProvisionalDues(manager, outbox, tenantId, loaded.year);
  const result: YearLoaded = { ...loaded, recomputedWorkOrders };
  await outbox.append(manager, {
    event: Events.handling.calendarYearLoaded,
    tenantId,
    aggregateType: 'calendar',
    aggregateId: tenantId,
    payload: { ...result, loadedAt: result.loadedAt.toISOString() },
  });
  return result;
}

/**
 * PUT /v1/calendar/years/{year}: a tenant-admin loads a year neither the platform nor the
 * province has, for the tenant alone (replacing its own earlier load), in the caller's tenant
 * transaction. 409 when a higher source knows the year.
 */
export async function loadTenantHolidayYear(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  loadedBy: string,
  data: YearHolidayData,
): Promise<YearLoaded> {
  const years = await loadSourcedYears(manager);
  const known = higherSourceFor(data.year, 'tenant', years);
  if (known) throw ProblemError.conflict(new YearKnownError(known).message);
  const loadedAt = new Date();
  assertCalendarBuilds(await loadCalendarSettings(manager, tenantId), years, { source: 'tenant', data });
  await saveTenantYear(manager, { tenantId, year: data.year, notice: data.notice, holidays: [...data.holidays], loadedAt, loadedBy });
  return applyYear(manager, outbox, tenantId, { year: data.year, notice: data.notice, scope: 'tenant', loadedAt, loadedBy });
}

export interface ProvinceYearLoaded {
  replaced: boolean;
  /** One per tenant that had computed provisional dues into the year. */
  tenants: Array<{ tenantId: string; recomputedWorkOrders: number }>;
}

/**
 * The province operator's load (the load-holidays command): the year for every tenant, then,
 * one tenant transaction each, the recomputation for every tenant with a coverage gap in it.
 * Running it again finishes what an interrupted run left (the gaps stay until recomputed).
 */
export async function loadProvinceHolidayYear(
  dataSource: DataSource,
  outbox: Outbox,
  loadedBy: string,
  data: YearHolidayData,
): Promise<ProvinceYearLoaded> {
  const loadedAt = new Date();
  const { replaced, tenants } = await dataSource.transaction(async (manager) => {
    // Outside a tenant transaction only the shipped and province-wide years are visible.
    const years = await loadSourcedYears(manager);
    const shipped = higherSourceFor(data.year, 'province', years);
    if (shipped) throw new YearKnownError(shipped);
    assertCalendarBuilds(NATIONAL_CALENDAR_SETTINGS, years, { source: 'province', data });
    const wasLoaded = await saveProvinceYear(manager, { year: data.year, notice: data.notice, holidays: [...data.holidays], loadedAt, loadedBy });
    return { replaced: wasLoaded, tenants: await tenantsWithGap(manager, data.year) };
  });
  const results: ProvinceYearLoaded['tenants'] = [];
  for (const tenantId of tenants) {
    const loaded = await inTenantTransaction(dataSource, tenantId, (manager) =>
      applyYear(manager, outbox, tenantId, { year: data.year, notice: data.notice, scope: 'province', loadedAt, loadedBy }),
    );
    results.push({ tenantId, recomputedWorkOrders: loaded.recomputedWorkOrders });
  }
  return { replaced, tenants: results };
}

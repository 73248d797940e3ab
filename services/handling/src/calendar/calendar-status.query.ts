import { EntityManager } from 'typeorm';
import { resolveYears, yearsToLoad } from '@hotline/handling-domain';
import { provisionalSummary } from '../work-orders/work-orders.repository';
import { buildWorkingCalendar, loadCalendarSettings, loadSourcedYears } from './calendar.repository';
import { toCalendarStatusView } from './calendar.views';

/**
 * GET /v1/calendar/status: the years the tenant's calendar has data for and where each comes
 * from, the years still missing (this and next year, and every year an open order's provisional
 * due reaches), and how many open orders have provisional dues.
 */
export async function calendarStatus(manager: EntityManager, tenantId: string, now = new Date()) {
  const settings = await loadCalendarSettings(manager, tenantId);
  const years = await loadSourcedYears(manager);
  const calendar = buildWorkingCalendar(settings, years);
  const provisional = await provisionalSummary(manager);
  const currentYear = Number(calendar.localDateOf(now).slice(0, 4));
  return toCalendarStatusView({
    timeZone: calendar.timeZone,
    years: resolveYears(years),
    missingYears: yearsToLoad(calendar, currentYear, provisional.years),
    provisionalOpenWorkOrders: provisional.openOrders,
  });
}

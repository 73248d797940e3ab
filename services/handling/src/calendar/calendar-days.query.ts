import { EntityManager } from 'typeorm';
import { addDays, DayInfo } from '@hotline/calendar';
import { tenantWorkingCalendar } from './calendar.repository';

/** The console's words for a day: a 调休 make-up working day is an `adjusted-workday`. */
const KINDS = { workday: 'workday', weekend: 'weekend', holiday: 'holiday', 'make-up-workday': 'adjusted-workday' } as const;

function toDayView(d: DayInfo) {
  return {
    date: d.date,
    working: d.working,
    kind: KINDS[d.kind],
    /** The holiday (or, for an adjusted workday, the holiday it makes up for) as the year data names it; null otherwise. */
    holidayName: d.name ?? null,
    /** weekday-rule, year-data (national, province or tenant load) or tenant-override (PUT /v1/calendar). */
    source: d.source,
  };
}

/**
 * `GET /v1/calendar/days?month=YYYY-MM`: each day of the month in the tenant's working calendar
 * (its zone, the year data of the highest source, its own extra holidays and working days).
 * `hasYearData` false: no holiday data for the year, the days follow the weekend rule only.
 */
export async function calendarDays(manager: EntityManager, tenantId: string, month: string) {
  const calendar = await tenantWorkingCalendar(manager, tenantId);
  const year = Number(month.slice(0, 4));
  const days: DayInfo[] = [];
  for (let date = `${month}-01`; date.startsWith(month); date = addDays(date, 1)) days.push(calendar.dayInfo(date));
  return {
    month,
    timeZone: calendar.timeZone,
    hasYearData: calendar.hasDataFor(year),
    notice: calendar.dataFor(year)?.notice ?? null,
    days: days.map(toDayView),
  };
}

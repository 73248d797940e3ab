// The working calendar's month view asks handling, not a copy of the holiday data: GET
// /v1/calendar/days gives each day of the month as work orders count it (national, province and
// tenant-loaded years and the tenant's own days), with the kind of day and the holiday's name.
import { api, unwrap } from '../api/client';
import type { CalendarDaysView } from '../api/views';

export type DayInfo = CalendarDaysView['days'][number];

/** YYYY-MM-DD of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** 0 = Sunday … 6 = Saturday of a civil date. */
export const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function monthDays(year: number, month: number): Promise<CalendarDaysView> {
  const key = `${year}-${String(month).padStart(2, '0')}`;
  return unwrap<CalendarDaysView>(api.handling.GET('/v1/calendar/days', { params: { query: { month: key } } }));
}

// The working calendar's month view asks handling, not a copy of the holiday data: a day is a
// working day when a limit of one working day counted 含本数 (from-receipt) from that day ends at
// that day's end (POST /v1/deadlines/compute, the same calendar work orders get: national,
// province and tenant-loaded years and the tenant's own days).
import { api, unwrap } from '../api/client';
import type { DeadlineView } from '../api/views';

/** YYYY-MM-DD of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return (Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - instant.getTime()) / 60_000;
}

/** Noon of a local date in the zone: well inside the day whatever its offset. */
export function localNoon(date: string, timeZone: string): Date {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const guess = new Date(Date.UTC(y, m - 1, d, 12));
  return new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000);
}

export function daysOfMonth(year: number, month: number): string[] {
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${year}-${String(month).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`);
}

/** 0 = Sunday … 6 = Saturday of a civil date. */
export const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export interface DayInfo {
  date: string;
  working: boolean;
  /** False where the year has no holiday data (Monday to Friday only there). */
  complete: boolean;
}

export async function monthWorkingDays(year: number, month: number, timeZone: string): Promise<DayInfo[]> {
  return Promise.all(
    daysOfMonth(year, month).map(async (date) => {
      const due = await unwrap<DeadlineView>(
        api.handling.POST('/v1/deadlines/compute', { body: { startAt: localNoon(date, timeZone).toISOString(), unit: 'working-days', amount: 1, counting: 'from-receipt' } }),
      );
      // The due is the first instant of the day after the working day found: one ms before it is that day.
      const working = localDate(new Date(Date.parse(due.dueAt) - 1), timeZone) === date;
      return { date, working, complete: due.calendarDataComplete };
    }),
  );
}

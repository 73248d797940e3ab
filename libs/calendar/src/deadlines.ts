/**
 * Deadline arithmetic for hotline time limits (办理时限). Every instant in and out is a `Date`
 * (a UTC instant); local dates and working hours are read in the calendar's time zone.
 *
 * Convention for day-based limits: the due instant is the END of the last counted working day, as an
 * exclusive bound — i.e. the first instant of the following local day (local midnight). A case is
 * overdue from that instant on (`isOverdue(now, due)` is `now >= due`).
 */
import { Counting, DEFAULT_COUNTING, isCounting } from '@hotline/vocabulary';
import { CalendarError, CalendarInputError } from './errors';
import { addDays, type IsoDate } from './local-date';
import { MAX_NON_WORKING_RUN, type WorkingCalendar } from './working-calendar';
import { assertInstant } from './zoned-time';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** A configured limit; a working-days rule without `counting` takes the vocabulary's DEFAULT_COUNTING. */
export type TimeLimitRule =
  | { unit: 'working-days'; amount: number; counting?: Counting }
  | { unit: 'working-hours'; amount: number }
  | { unit: 'calendar-minutes'; amount: number };

export interface Remaining {
  /** `due - now` in ms; negative once overdue. */
  ms: number;
  overdue: boolean;
  /** Working time (ms) left until `due`, negative (working time elapsed since `due`) once overdue. Needs a calendar. */
  workingMs?: number;
  /** Working days touched by the rest of the window [now, due), today included; 0 once overdue. Needs a calendar. */
  workingDays?: number;
}

function positive(amount: unknown, label: string, integer: boolean): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || (integer && !Number.isInteger(amount))) {
    throw new CalendarInputError(`${label} must be a positive ${integer ? 'integer' : 'finite number'}, got ${String(amount)}`);
  }
  return amount;
}

/** Local date of the Nth (1-based) counted working day for a receipt at `start`. */
export function lastWorkingDay(
  calendar: WorkingCalendar,
  start: Date,
  days: number,
  counting: Counting = DEFAULT_COUNTING,
): IsoDate {
  assertInstant(start, 'start');
  positive(days, 'working days', true);
  if (!isCounting(counting)) {
    throw new CalendarInputError(`counting must be 'from-receipt' or 'from-next-day', got ${String(counting)}`);
  }
  const receiptDay = calendar.localDateOf(start);
  let day = counting === 'from-receipt' ? calendar.workingDayOnOrAfter(receiptDay) : calendar.nextWorkingDay(receiptDay);
  for (let i = 1; i < days; i++) day = calendar.nextWorkingDay(day);
  return day;
}

/** Due instant: end (exclusive) of the Nth working day = first instant of the local day after it. */
export function addWorkingDays(
  calendar: WorkingCalendar,
  start: Date,
  days: number,
  counting: Counting = DEFAULT_COUNTING,
): Date {
  return calendar.startOfDay(addDays(lastWorkingDay(calendar, start, days, counting), 1));
}

/**
 * Adds `hours` of working time: only time inside working periods of working days counts; a start
 * outside a period begins at the next period start. Landing exactly on a period end returns that
 * end (e.g. 17:30), not the next morning.
 */
export function addWorkingHours(calendar: WorkingCalendar, start: Date, hours: number): Date {
  assertInstant(start, 'start');
  let left = Math.round(positive(hours, 'working hours', false) * HOUR_MS);
  const from = start.getTime();
  let date = calendar.localDateOf(start);
  for (let idle = 0; idle <= MAX_NON_WORKING_RUN; date = addDays(date, 1)) {
    let worked = false;
    for (const { start: ps, end: pe } of calendar.workingIntervals(date)) {
      const cursor = Math.max(from, ps.getTime());
      if (cursor >= pe.getTime()) continue;
      worked = true;
      const available = pe.getTime() - cursor;
      if (left <= available) return new Date(cursor + left);
      left -= available;
    }
    idle = worked ? 0 : idle + 1;
  }
  throw new CalendarError(`no working time within ${MAX_NON_WORKING_RUN} days after ${date}`);
}

/** 24×7 clock: `start + minutes`. */
export function addCalendarMinutes(start: Date, minutes: number): Date {
  assertInstant(start, 'start');
  return new Date(start.getTime() + Math.round(positive(minutes, 'calendar minutes', false) * MINUTE_MS));
}

/** Single entry point for a configured time-limit rule. */
export function computeDue(calendar: WorkingCalendar, start: Date, rule: TimeLimitRule): Date {
  switch (rule?.unit) {
    case 'working-days':
      return addWorkingDays(calendar, start, rule.amount, rule.counting ?? DEFAULT_COUNTING);
    case 'working-hours':
      return addWorkingHours(calendar, start, rule.amount);
    case 'calendar-minutes':
      return addCalendarMinutes(start, rule.amount);
    default:
      throw new CalendarInputError(`unknown time-limit unit ${String((rule as { unit?: unknown } | undefined)?.unit)}`);
  }
}

/** Working time in ms between two instants; negative when `b` is before `a`. */
export function workingMsBetween(calendar: WorkingCalendar, a: Date, b: Date): number {
  assertInstant(a, 'a');
  assertInstant(b, 'b');
  if (b.getTime() < a.getTime()) return -workingMsBetween(calendar, b, a);
  const lo = a.getTime();
  const hi = b.getTime();
  const last = calendar.localDateOf(b);
  let total = 0;
  for (let date = calendar.localDateOf(a); date <= last; date = addDays(date, 1)) {
    for (const { start, end } of calendar.workingIntervals(date)) {
      total += Math.max(0, Math.min(hi, end.getTime()) - Math.max(lo, start.getTime()));
    }
  }
  return total;
}

/** Working hours between two instants (fractional; negative when `b` is before `a`). */
export function workingHoursBetween(calendar: WorkingCalendar, a: Date, b: Date): number {
  return workingMsBetween(calendar, a, b) / HOUR_MS;
}

/** True from the due instant on (the due instant is an exclusive bound). */
export function isOverdue(now: Date, due: Date): boolean {
  assertInstant(now, 'now');
  assertInstant(due, 'due');
  return now.getTime() >= due.getTime();
}

/** Time left until `due`; with a calendar also working time and working days left. */
export function remaining(now: Date, due: Date, calendar?: WorkingCalendar): Remaining {
  const overdue = isOverdue(now, due);
  const result: Remaining = { ms: due.getTime() - now.getTime(), overdue };
  if (!calendar) return result;
  result.workingMs = workingMsBetween(calendar, now, due);
  result.workingDays = overdue ? 0 : workingDaysTouched(calendar, now, due);
  return result;
}

function workingDaysTouched(calendar: WorkingCalendar, now: Date, due: Date): number {
  let count = 0;
  const last = calendar.localDateOf(new Date(due.getTime() - 1));
  for (let date = calendar.localDateOf(now); date <= last; date = addDays(date, 1)) {
    if (calendar.isWorkingDay(date)) count++;
  }
  return count;
}

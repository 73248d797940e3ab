/**
 * Due computation with its coverage: a due that reaches into a year for which the calendar has
 * no national holiday data was computed on Monday–Friday alone (the calendar has nothing
 * better) and is provisional until the year is loaded.
 */
import { computeDue, TimeLimitRule, WorkingCalendar } from '@hotline/calendar';

export interface ComputedDue {
  dueAt: Date;
  /** Years the computation crossed without holiday data, ascending; empty when the due is firm. */
  missingYears: number[];
}

/**
 * The local years a due depends on lacks data for: every year from the start's to the last
 * counted instant's (the due is an exclusive bound, so its own instant is not counted). A
 * calendar-minutes clock runs 24×7 and depends on no year.
 */
export function missingYearsOf(calendar: WorkingCalendar, start: Date, dueAt: Date, rule: TimeLimitRule): number[] {
  if (rule.unit === 'calendar-minutes') return [];
  const yearOf = (instant: Date) => Number(calendar.localDateOf(instant).slice(0, 4));
  const last = new Date(Math.max(start.getTime(), dueAt.getTime() - 1));
  const missing: number[] = [];
  for (let year = yearOf(start); year <= yearOf(last); year++) if (!calendar.hasDataFor(year)) missing.push(year);
  return missing;
}

export function computeDueOn(calendar: WorkingCalendar, start: Date, rule: TimeLimitRule): ComputedDue {
  const dueAt = computeDue(calendar, start, rule);
  return { dueAt, missingYears: missingYearsOf(calendar, start, dueAt, rule) };
}

/** The union of several due computations' missing years, ascending. */
export function unionOfYears(...lists: ReadonlyArray<readonly number[]>): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/**
 * The years to show as missing on the calendar status: those without data among the current
 * and the next local year (the next notice is due), and every year an open work order's
 * provisional due reaches.
 */
export function yearsToLoad(calendar: WorkingCalendar, currentYear: number, provisionalYears: readonly number[]): number[] {
  return unionOfYears([currentYear, currentYear + 1], provisionalYears).filter((year) => !calendar.hasDataFor(year));
}

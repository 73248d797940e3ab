import { addDays, dayOfWeek, IsoDate, localDateOf, startOfLocalDay } from '@hotline/calendar';
import type { ReportPeriod } from '@hotline/vocabulary';

/** One report's period: its inclusive local days and the key the rates group it under. */
export interface PeriodSpan {
  period: ReportPeriod;
  /** First local day (a Monday for a week, the 1st for a month). */
  start: IsoDate;
  /** Last local day, inclusive. */
  end: IsoDate;
  /** The rate grouping's key of the span: `2025-03-12`, `2025-W11` (ISO week-year) or `2025-03`. */
  key: string;
}

/** The rate grouping whose single row is the whole span (RATE_GROUPINGS). */
export const PERIOD_GROUPING = { daily: 'day', weekly: 'week', monthly: 'month' } as const satisfies Record<ReportPeriod, string>;

const pad = (n: number) => String(n).padStart(2, '0');

/** Days before `date` back to its Monday (ISO weeks start on Monday). */
const sinceMonday = (date: IsoDate) => (dayOfWeek(date) + 6) % 7;

/**
 * ISO week key of a day (`2025-W01` …): the week belongs to the year of its Thursday, so
 * 2024-12-30 is in 2025-W01 and 2021-01-03 in 2020-W53 — what PostgreSQL's `IYYY-"W"IW` gives.
 */
export function isoWeekKey(date: IsoDate): string {
  const thursday = addDays(date, 3 - sinceMonday(date));
  const year = thursday.slice(0, 4);
  const firstThursday = addDays(`${year}-01-04`, 3 - sinceMonday(`${year}-01-04`));
  const week = 1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000));
  return `${year}-W${pad(week)}`;
}

function lastDayOfMonth(year: number, month: number): IsoDate {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** The span of the given kind that contains the local day `date`. */
export function periodOf(period: ReportPeriod, date: IsoDate): PeriodSpan {
  if (period === 'daily') return { period, start: date, end: date, key: date };
  if (period === 'weekly') {
    const start = addDays(date, -sinceMonday(date));
    return { period, start, end: addDays(start, 6), key: isoWeekKey(start) };
  }
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return { period, start: `${date.slice(0, 7)}-01`, end: lastDayOfMonth(year, month), key: date.slice(0, 7) };
}

/** The span just before (the comparison of a report). */
export function previousPeriod(span: PeriodSpan): PeriodSpan {
  return periodOf(span.period, addDays(span.start, -1));
}

/** The span just after (the next scheduled report). */
export function nextPeriod(span: PeriodSpan): PeriodSpan {
  return periodOf(span.period, addDays(span.end, 1));
}

/** The span containing the instant, in the time zone. */
export function periodAt(period: ReportPeriod, instant: Date, timeZone: string): PeriodSpan {
  return periodOf(period, localDateOf(instant, timeZone));
}

/** The instants the span covers in the time zone: from its first local midnight up to (excluding) the one after its last day. */
export function periodInstants(span: PeriodSpan, timeZone: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: startOfLocalDay(span.start, timeZone), endsAt: startOfLocalDay(addDays(span.end, 1), timeZone) };
}

/** When the scheduled report of the span is due: its end in the time zone, plus the wait for late events. */
export function scheduledAt(span: PeriodSpan, timeZone: string, delayMinutes: number): Date {
  return new Date(periodInstants(span, timeZone).endsAt.getTime() + delayMinutes * 60_000);
}

/** A span's Chinese title: 2025年3月12日 / 2025年第11周（3月10日至3月16日） / 2025年3月. */
export function periodTitle(span: PeriodSpan): string {
  const day = (d: IsoDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  if (span.period === 'daily') return `${span.start.slice(0, 4)}年${day(span.start)}`;
  if (span.period === 'weekly') return `${span.key.slice(0, 4)}年第${Number(span.key.slice(6))}周（${day(span.start)}至${day(span.end)}）`;
  return `${span.start.slice(0, 4)}年${Number(span.start.slice(5, 7))}月`;
}

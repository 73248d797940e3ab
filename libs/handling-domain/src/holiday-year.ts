/**
 * A year of national holidays and 调休 make-up working days as the State Council notice
 * (国务院办公厅关于…部分节假日安排的通知) sets them, loaded where the platform does not ship it.
 */
import { addDays, dayOfWeek, isIsoDate, type YearHolidayData } from '@hotline/calendar';

export interface HolidayPeriodInput {
  name: string;
  nameEn?: string;
  from: string;
  to: string;
  makeUpWorkdays: readonly string[];
}

export interface HolidayYearInput {
  /** Optional in the input; when given it must be the year being loaded (a file for the wrong year is refused). */
  year?: number;
  notice: string;
  holidays: readonly HolidayPeriodInput[];
}

export interface YearIssue {
  path: Array<string | number>;
  message: string;
}

/** Years a calendar can hold (four-digit local dates) that a deadline can reach. */
export const LOADABLE_YEARS = { min: 1970, max: 2999 } as const;

export const MAX_PERIOD_DAYS = 31;

/**
 * How far the New Year holiday may reach back: the notice of a year sets its 元旦 holiday even
 * when it starts in the last days of the year before (2023's ran 2022-12-31…2023-01-02), and
 * once put a make-up day there (2012's: Saturday 2011-12-31).
 */
export const NEW_YEAR_REACH_BACK_DAYS = 7;

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length <= MAX_PERIOD_DAYS; d = addDays(d, 1)) days.push(d);
  return days;
}

const isWeekend = (date: string) => [0, 6].includes(dayOfWeek(date));

/**
 * Every rule a year's data breaks, each with the path of the field: real dates; every date
 * inside the year, except that the period running through 1 January may start, and have make-up
 * days, in the last NEW_YEAR_REACH_BACK_DAYS days of the year before; periods of 1…31 days;
 * names present; make-up days on a Saturday or Sunday and never also a day off.
 */
export function holidayYearIssues(year: number, input: HolidayYearInput): YearIssue[] {
  const issues: YearIssue[] = [];
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const reachBack = addDays(first, -NEW_YEAR_REACH_BACK_DAYS);
  if (input.year !== undefined && input.year !== year) issues.push({ path: ['year'], message: `must be ${year}, the year being loaded` });
  if (!input.notice.trim()) issues.push({ path: ['notice'], message: 'the notice reference is required, e.g. 国办发明电〔2025〕7号' });

  const daysOff = new Map<string, number>();
  const periods = input.holidays.map((h, i) => {
    const at = (field: string, ...rest: Array<string | number>) => ['holidays', i, field, ...rest];
    if (!h.name.trim()) issues.push({ path: at('name'), message: 'required' });
    const datesValid = [['from', h.from] as const, ['to', h.to] as const].every(([field, value]) => {
      if (isIsoDate(value)) return true;
      issues.push({ path: at(field), message: 'must be a real date YYYY-MM-DD' });
      return false;
    });
    if (!datesValid) return { earliest: first };
    const span = daysOf(h.from, h.to);
    if (h.to < h.from || span.length > MAX_PERIOD_DAYS)
      issues.push({ path: at('to'), message: `a period runs 1 to ${MAX_PERIOD_DAYS} days from its first day` });
    const newYear = h.from <= first && first <= h.to;
    const earliest = newYear ? reachBack : first;
    if (h.from < earliest || h.from > last)
      issues.push({ path: at('from'), message: newYear ? `must be in ${year} or from ${reachBack}` : `must be in ${year}` });
    if (h.to > last || h.to < first) issues.push({ path: at('to'), message: `must be in ${year}` });
    if (span.length <= MAX_PERIOD_DAYS) for (const d of span) daysOff.set(d, i);
    return { earliest };
  });

  input.holidays.forEach((h, i) => {
    const earliest = periods[i]?.earliest ?? first;
    h.makeUpWorkdays.forEach((d, j) => {
      const path = ['holidays', i, 'makeUpWorkdays', j];
      if (!isIsoDate(d)) issues.push({ path, message: 'must be a real date YYYY-MM-DD' });
      else if (d < earliest || d > last) issues.push({ path, message: `must be in ${year}` });
      else if (!isWeekend(d)) issues.push({ path, message: 'a make-up working day is a Saturday or Sunday' });
      else if (daysOff.has(d)) issues.push({ path, message: `is also a day off (holidays.${daysOff.get(d)})` });
    });
  });
  return issues;
}

/** The calendar's form of a valid year (make-up days sorted and listed once). */
export function toYearHolidayData(year: number, input: HolidayYearInput): YearHolidayData {
  return {
    year,
    notice: input.notice.trim(),
    holidays: input.holidays.map((h) => ({
      name: h.name.trim(),
      nameEn: h.nameEn?.trim() || h.name.trim(),
      from: h.from,
      to: h.to,
      makeUpWorkdays: [...new Set(h.makeUpWorkdays)].sort(),
    })),
  };
}

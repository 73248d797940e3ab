/**
 * A tenant's working calendar: national holiday data + tenant overrides + time zone + working hours.
 * Immutable once built; safe to cache per tenant and share across requests.
 */
import { CalendarCoverageError, CalendarError, CalendarInputError } from './errors';
import { addDays, assertIsoDate, dateRange, isWeekend, parseTimeOfDay, yearOf, type IsoDate } from './local-date';
import { NATIONAL_HOLIDAY_DATA, type YearHolidayData } from './national-holidays';
import { DEFAULT_TIME_ZONE, localDateOf, normalizeTimeZone, startOfLocalDay, zonedTimeToInstant } from './zoned-time';

export interface WorkingPeriodInput {
  /** Local wall time `HH:MM`, inclusive. */
  start: string;
  /** Local wall time `HH:MM` (up to `24:00`), exclusive. */
  end: string;
}

export interface WorkingPeriod extends WorkingPeriodInput {
  startMinute: number;
  endMinute: number;
}

/** 09:00–12:00 and 13:30–17:30 local time: 7 working hours per working day. */
export const DEFAULT_WORKING_PERIODS: readonly WorkingPeriodInput[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

export interface DateOverride {
  date: IsoDate;
  name?: string;
}

export interface WorkingCalendarOptions {
  /** IANA zone in which local dates and working hours are read. Default `Asia/Shanghai`. */
  timeZone?: string;
  /** Working periods of a working day, sorted and non-overlapping. Default `DEFAULT_WORKING_PERIODS`. */
  workingPeriods?: readonly WorkingPeriodInput[];
  /** National data to start from. Default: every shipped year (`NATIONAL_HOLIDAY_DATA`); `[]` for none. */
  nationalYears?: readonly YearHolidayData[];
  /** Tenant-supplied data for years the library does not ship (a year present twice is an error). */
  extraYears?: readonly YearHolidayData[];
  /** Regional / tenant days off (applied after `removedDates`). */
  extraHolidays?: ReadonlyArray<IsoDate | DateOverride>;
  /** Tenant working days, e.g. a working Saturday (applied after `removedDates`). */
  extraWorkingDays?: ReadonlyArray<IsoDate | DateOverride>;
  /** Dates whose year-data entry (holiday or make-up day) is dropped: they revert to the weekday rule. */
  removedDates?: readonly IsoDate[];
  /** When true, asking about a date in a year without data throws `CalendarCoverageError`. Default false. */
  strict?: boolean;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make-up-workday';
export type DaySource = 'weekday-rule' | 'year-data' | 'tenant-override';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  source: DaySource;
  /** Holiday name (`春节`…) for holidays and make-up days, when known. */
  name?: string;
  /** Whether holiday data exists for the date's year (false = plain weekend rule was used). */
  hasYearData: boolean;
}

export interface Interval {
  start: Date;
  end: Date;
}

interface Entry {
  kind: 'holiday' | 'make-up-workday';
  source: 'year-data' | 'tenant-override';
  name?: string;
}

/** Longest run of consecutive non-working days tolerated before giving up (misconfigured calendar). */
export const MAX_NON_WORKING_RUN = 370;

export class WorkingCalendar {
  readonly timeZone: string;
  readonly workingPeriods: readonly WorkingPeriod[];
  readonly strict: boolean;
  private readonly entries = new Map<IsoDate, Entry>();
  private readonly yearData = new Map<number, YearHolidayData>();

  constructor(options: WorkingCalendarOptions = {}) {
    this.timeZone = normalizeTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
    this.workingPeriods = parsePeriods(options.workingPeriods ?? DEFAULT_WORKING_PERIODS);
    this.strict = options.strict ?? false;
    for (const data of [...(options.nationalYears ?? NATIONAL_HOLIDAY_DATA), ...(options.extraYears ?? [])]) {
      this.addYear(data);
    }
    for (const date of options.removedDates ?? []) {
      assertIsoDate(date, 'removedDates entry');
      this.entries.delete(date);
    }
    const extraWorking = new Set<IsoDate>();
    for (const o of (options.extraWorkingDays ?? []).map((v) => toOverride(v, 'extraWorkingDays'))) {
      extraWorking.add(o.date);
      this.entries.set(o.date, { kind: 'make-up-workday', source: 'tenant-override', name: o.name });
    }
    for (const o of (options.extraHolidays ?? []).map((v) => toOverride(v, 'extraHolidays'))) {
      if (extraWorking.has(o.date)) {
        throw new CalendarInputError(`${o.date} is listed both in extraHolidays and extraWorkingDays`);
      }
      this.entries.set(o.date, { kind: 'holiday', source: 'tenant-override', name: o.name });
    }
  }

  /** Working minutes in one full working day (420 with the default periods). */
  get workingMinutesPerDay(): number {
    return this.workingPeriods.reduce((sum, p) => sum + p.endMinute - p.startMinute, 0);
  }

  /** True when holiday data (national or tenant) exists for `year`; otherwise weekends-only fallback. */
  hasDataFor(year: number): boolean {
    return this.yearData.has(year);
  }

  /** Years with holiday data, ascending. */
  knownYears(): number[] {
    return [...this.yearData.keys()].sort((a, b) => a - b);
  }

  /** The data (with notice reference) used for `year`, if any. */
  dataFor(year: number): YearHolidayData | undefined {
    return this.yearData.get(year);
  }

  dayInfo(date: IsoDate): DayInfo {
    assertIsoDate(date);
    const year = yearOf(date);
    const hasYearData = this.hasDataFor(year);
    if (this.strict && !hasYearData) throw new CalendarCoverageError(year, date);
    const entry = this.entries.get(date);
    if (entry) {
      const working = entry.kind === 'make-up-workday';
      return { date, working, kind: entry.kind, source: entry.source, name: entry.name, hasYearData };
    }
    const weekend = isWeekend(date);
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday', source: 'weekday-rule', hasYearData };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.dayInfo(date).working;
  }

  /** First working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.workingDayOnOrAfter(addDays(date, 1));
  }

  /** `date` itself when it is a working day, else the next working day. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    let d = date;
    for (let i = 0; i <= MAX_NON_WORKING_RUN; i++, d = addDays(d, 1)) {
      if (this.isWorkingDay(d)) return d;
    }
    throw new CalendarError(`no working day within ${MAX_NON_WORKING_RUN} days from ${date}`);
  }

  /** Local civil date of `instant` in this calendar's time zone. */
  localDateOf(instant: Date): IsoDate {
    return localDateOf(instant, this.timeZone);
  }

  /** First instant of local `date` (local midnight, or the first existing wall time on DST days). */
  startOfDay(date: IsoDate): Date {
    return startOfLocalDay(date, this.timeZone);
  }

  /** Working periods of `date` as UTC instants; empty for non-working days. */
  workingIntervals(date: IsoDate): Interval[] {
    if (!this.isWorkingDay(date)) return [];
    return this.workingPeriods
      .map((p) => ({
        start: zonedTimeToInstant(date, p.startMinute, this.timeZone),
        end: zonedTimeToInstant(date, p.endMinute, this.timeZone),
      }))
      .filter((i) => i.end.getTime() > i.start.getTime());
  }

  private addYear(data: YearHolidayData): void {
    validateYear(data);
    if (this.yearData.has(data.year)) {
      throw new CalendarInputError(
        `holiday data for ${data.year} given twice; use extraHolidays/extraWorkingDays/removedDates to adjust a shipped year`,
      );
    }
    this.yearData.set(data.year, data);
    const put = (date: IsoDate, entry: Entry) => {
      const prior = this.entries.get(date);
      if (prior && prior.kind !== entry.kind) {
        throw new CalendarInputError(`${date} is both a holiday and a make-up working day in year data`);
      }
      this.entries.set(date, entry);
    };
    for (const h of data.holidays) {
      for (const date of dateRange(h.from, h.to)) put(date, { kind: 'holiday', source: 'year-data', name: h.name });
      for (const date of h.makeUpWorkdays) put(date, { kind: 'make-up-workday', source: 'year-data', name: h.name });
    }
  }
}

/** Convenience factory, same as `new WorkingCalendar(options)`. */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  return new WorkingCalendar(options);
}

function toOverride(value: IsoDate | DateOverride, label: string): DateOverride {
  const o = typeof value === 'string' ? { date: value } : value;
  assertIsoDate(o?.date, `${label} entry`);
  return o;
}

function parsePeriods(input: readonly WorkingPeriodInput[]): WorkingPeriod[] {
  if (!Array.isArray(input) || input.length === 0) {
    throw new CalendarInputError('workingPeriods must be a non-empty array');
  }
  const periods = input.map((p, i) => ({
    start: p.start,
    end: p.end,
    startMinute: parseTimeOfDay(p.start, `workingPeriods[${i}].start`),
    endMinute: parseTimeOfDay(p.end, `workingPeriods[${i}].end`),
  }));
  periods.forEach((p, i) => {
    if (p.endMinute <= p.startMinute) {
      throw new CalendarInputError(`workingPeriods[${i}] ends (${p.end}) before it starts (${p.start})`);
    }
    if (i > 0 && p.startMinute < periods[i - 1].endMinute) {
      throw new CalendarInputError(`workingPeriods[${i}] overlaps or precedes workingPeriods[${i - 1}]`);
    }
  });
  return periods;
}

function validateYear(data: YearHolidayData): void {
  if (!data || !Number.isInteger(data.year) || data.year < 1000 || data.year > 9999) {
    throw new CalendarInputError(`year data needs an integer year, got ${String(data?.year)}`);
  }
  if (typeof data.notice !== 'string' || !Array.isArray(data.holidays)) {
    throw new CalendarInputError(`year data ${data.year} needs a notice string and a holidays array`);
  }
  const near = (date: IsoDate, label: string) => {
    assertIsoDate(date, `${data.year} ${label}`);
    if (Math.abs(yearOf(date) - data.year) > 1) {
      throw new CalendarInputError(`${data.year} ${label} ${date} is not next to year ${data.year}`);
    }
  };
  for (const h of data.holidays) {
    if (typeof h?.name !== 'string' || h.name === '') {
      throw new CalendarInputError(`${data.year} holiday needs a name`);
    }
    near(h.from, `${h.name}.from`);
    near(h.to, `${h.name}.to`);
    const days = dateRange(h.from, h.to).length;
    if (days === 0 || days > 31) {
      throw new CalendarInputError(`${data.year} ${h.name}: from ${h.from} to ${h.to} must span 1..31 days`);
    }
    const makeUps: readonly IsoDate[] = h.makeUpWorkdays;
    if (!Array.isArray(makeUps)) throw new CalendarInputError(`${h.name}.makeUpWorkdays must be an array`);
    for (const d of makeUps) near(d, `${h.name}.makeUpWorkdays`);
  }
}

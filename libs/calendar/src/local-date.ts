import { CalendarInputError } from './errors';

/** A civil (wall-calendar) date in ISO form `YYYY-MM-DD`, without time zone. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a valid ISO date (throws `CalendarInputError` otherwise). */
function toEpochDay(value: unknown, label: string): number {
  if (typeof value !== 'string') {
    throw new CalendarInputError(`${label} must be an ISO date string YYYY-MM-DD, got ${typeof value}`);
  }
  const m = ISO_DATE.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const check = new Date(ms);
    if (y >= 1000 && check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) {
      return ms / DAY_MS;
    }
  }
  throw new CalendarInputError(`${label} must be a valid ISO date YYYY-MM-DD, got "${value}"`);
}

function fromEpochDay(epochDay: number): IsoDate {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function isIsoDate(value: unknown): value is IsoDate {
  try {
    toEpochDay(value, 'date');
    return true;
  } catch {
    return false;
  }
}

/** Throws `CalendarInputError` unless `value` is a real calendar date written `YYYY-MM-DD`. */
export function assertIsoDate(value: unknown, label = 'date'): asserts value is IsoDate {
  toEpochDay(value, label);
}

/** `date` shifted by `days` civil days (negative allowed). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date, 'date') + days);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toEpochDay(date, 'date') * DAY_MS).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

export function yearOf(date: IsoDate): number {
  assertIsoDate(date);
  return Number(date.slice(0, 4));
}

/** Inclusive list of dates from `from` to `to` (empty when `to` < `from`). */
export function dateRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const start = toEpochDay(from, 'from');
  const end = toEpochDay(to, 'to');
  const out: IsoDate[] = [];
  for (let d = start; d <= end; d++) out.push(fromEpochDay(d));
  return out;
}

/** Parses `HH:MM` (00:00–24:00) into minutes after local midnight. */
export function parseTimeOfDay(value: unknown, label = 'time'): number {
  const m = typeof value === 'string' ? TIME_OF_DAY.exec(value) : null;
  if (m) {
    const minutes = Number(m[1]) * 60 + Number(m[2]);
    if (Number(m[2]) < 60 && minutes <= 24 * 60) return minutes;
  }
  throw new CalendarInputError(`${label} must be a time of day HH:MM between 00:00 and 24:00, got ${String(value)}`);
}

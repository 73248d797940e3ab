/**
 * Wall-clock <-> instant conversion for an IANA time zone, using only `Intl`.
 * No fixed-offset or "no DST" assumption: offsets are read from the runtime's tz database for the
 * instant in question, so zones with daylight saving time (Europe/Berlin, America/Santiago…) work.
 */
import { CalendarInputError } from './errors';
import { addDays, assertIsoDate, type IsoDate } from './local-date';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new CalendarInputError(`unknown IANA time zone "${timeZone}"`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Validates an IANA zone name and returns its canonical spelling (e.g. `asia/shanghai` -> `Asia/Shanghai`). */
export function normalizeTimeZone(timeZone: unknown): string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw new CalendarInputError(`time zone must be a non-empty IANA name, got ${String(timeZone)}`);
  }
  return formatterFor(timeZone).resolvedOptions().timeZone;
}

/** Throws `CalendarInputError` unless `value` is a `Date` holding a valid instant. */
export function assertInstant(value: unknown, label = 'instant'): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new CalendarInputError(`${label} must be a valid Date, got ${String(value)}`);
  }
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Local wall-clock fields of `instant` in `timeZone`. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  assertInstant(instant);
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    hour: out.hour === 24 ? 0 : out.hour,
    minute: out.minute,
    second: out.second,
  };
}

/** UTC offset (ms, east positive) of `timeZone` at epoch-ms `t`. */
function offsetAt(t: number, timeZone: string): number {
  const whole = t - (((t % 1000) + 1000) % 1000);
  const p = zonedParts(new Date(whole), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/** The local civil date of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): IsoDate {
  const p = zonedParts(instant, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * Instant at which the wall clock in `timeZone` shows `date` + `minuteOfDay` (0–1440; 1440 = next
 * midnight). Resolution of DST edge cases follows Temporal's "compatible" disambiguation:
 * - wall time skipped by a spring-forward gap -> shifted forward by the gap length
 *   (02:30 on a 02:00→03:00 day resolves to 03:30);
 * - wall time repeated by a fall-back overlap -> the earlier of the two instants.
 */
export function zonedTimeToInstant(date: IsoDate, minuteOfDay: number, timeZone: string): Date {
  assertIsoDate(date);
  if (!Number.isFinite(minuteOfDay) || minuteOfDay < 0 || minuteOfDay > 1440) {
    throw new CalendarInputError(`minuteOfDay must be within 0..1440, got ${minuteOfDay}`);
  }
  if (minuteOfDay === 1440) return zonedTimeToInstant(addDays(date, 1), 0, timeZone);
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + Math.round(minuteOfDay * MINUTE_MS);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wall - before); // in a gap: the offset before the transition lands after it
}

/** First instant of local `date` in `timeZone` (usually local midnight). */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  return zonedTimeToInstant(date, 0, timeZone);
}

// Hotspot and surge warning (热点激增预警): pure rules. No public numeric threshold exists
// (domain.md §13.3: "not found"), so every figure here is a tenant setting with a default.
import { addDays, dayOfWeek, IsoDate, NATIONAL_HOLIDAY_DATA, YearHolidayData, zonedParts, zonedTimeToInstant } from '@hotline/calendar';
import { AlertSeverity } from '@hotline/vocabulary';

export interface HotspotSettings {
  /** The window a surge is counted over, ending at the newest request (hours). */
  windowHours: number;
  /** Recent days of the same kind the baseline averages over. */
  baselineDays: number;
  /** Half-width of the same period last year the seasonal baseline averages over (days). */
  seasonalDays: number;
  /** No surge below this many requests in the window, whatever the baseline. */
  minCount: number;
  /** Fires when a count this high would happen by chance less often than this under the baseline (Poisson tail). */
  pValue: number;
  /** Floor of the expected requests per day, so a key never seen before does not alert on its second request. */
  minExpectedPerDay: number;
  /** Local HH:MM bounds of the quiet hours (deliveries of non-critical alerts wait for the end); null: none. */
  quietFrom: string | null;
  quietTo: string | null;
  /** Tenant holidays beyond the national ones (local days), e.g. a city's own day off. */
  extraHolidays: IsoDate[];
}

/**
 * Defaults: a day's window; four weeks of the same kind of day and ±2 weeks of last year;
 * at least 5 requests and a one-in-a-thousand chance. Tuned on the 2020 泰迪杯 board replay
 * (services/analytics/test/hotspots.int-spec.ts states the figures).
 */
export const DEFAULT_HOTSPOT_SETTINGS: HotspotSettings = {
  windowHours: 24,
  baselineDays: 28,
  seasonalDays: 14,
  minCount: 5,
  pValue: 0.001,
  minExpectedPerDay: 0.2,
  quietFrom: '22:00',
  quietTo: '07:00',
  extraHolidays: [],
};

/** A baseline compares like with like: a holiday or weekend with rest days, a 调休 Saturday with workdays. */
export type BaselineDayKind = 'workday' | 'rest-day';

function nationalKind(day: IsoDate, years: readonly YearHolidayData[]): BaselineDayKind | undefined {
  const year = years.find((y) => y.year === Number(day.slice(0, 4)));
  for (const h of year?.holidays ?? []) {
    if (day >= h.from && day <= h.to) return 'rest-day';
    if (h.makeUpWorkdays.includes(day)) return 'workday';
  }
  return undefined;
}

export function baselineDayKind(day: IsoDate, extraHolidays: readonly IsoDate[] = [], years = NATIONAL_HOLIDAY_DATA): BaselineDayKind {
  if (extraHolidays.includes(day)) return 'rest-day';
  const national = nationalKind(day, years);
  if (national) return national;
  const dow = dayOfWeek(day);
  return dow === 0 || dow === 6 ? 'rest-day' : 'workday';
}

export interface Baseline {
  /** Requests per day the key usually gets on this kind of day. */
  perDay: number;
  /** Requests expected in one window. */
  expected: number;
  /** Where perDay came from: the recent level, last year's same period (season), or the floor. */
  source: 'recent' | 'season' | 'floor';
}

/**
 * The expected volume of one key (category × area) on `day`: the mean of recent days of the same
 * kind, or last year's same period when that is higher (heating in winter, flooding in summer
 * come back each year), never below the floor. `daily` holds the key's counts by local day;
 * days missing count 0. `historyFrom` is the tenant's first day of data: a period before it is
 * unknown, not quiet.
 */
export function baselineOf(day: IsoDate, daily: ReadonlyMap<IsoDate, number>, historyFrom: IsoDate, s: HotspotSettings): Baseline {
  const kind = baselineDayKind(day, s.extraHolidays);
  const meanOf = (days: IsoDate[]): number | undefined => {
    const like = days.filter((d) => d >= historyFrom && baselineDayKind(d, s.extraHolidays) === kind);
    return like.length === 0 ? undefined : like.reduce((n, d) => n + (daily.get(d) ?? 0), 0) / like.length;
  };
  const recent = meanOf(Array.from({ length: s.baselineDays }, (_, i) => addDays(day, -1 - i)));
  const lastYear = addDays(day, -364); // 52 weeks: the same weekday a year ago
  const seasonStart = addDays(lastYear, -s.seasonalDays);
  const season = seasonStart >= historyFrom ? meanOf(Array.from({ length: 2 * s.seasonalDays + 1 }, (_, i) => addDays(seasonStart, i))) : undefined;
  let perDay = s.minExpectedPerDay;
  let source: Baseline['source'] = 'floor';
  if (recent !== undefined && recent > perDay) [perDay, source] = [recent, 'recent'];
  if (season !== undefined && season > perDay) [perDay, source] = [season, 'season'];
  return { perDay, expected: (perDay * s.windowHours) / 24, source };
}

/** P(X ≥ k) for X ~ Poisson(λ). */
export function poissonTail(lambda: number, k: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term = (term * lambda) / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/** The smallest count that fires: at least minCount, and unlikely by chance under the baseline. */
export function surgeThreshold(expected: number, s: Pick<HotspotSettings, 'minCount' | 'pValue'>): number {
  let k = Math.max(1, s.minCount);
  while (poissonTail(expected, k) > s.pValue) k++;
  return k;
}

/** Severity grows with how far the count passed its threshold: ×1 low, ×1.5 medium, ×2 high, ×3 critical. */
export function surgeSeverity(count: number, threshold: number): AlertSeverity {
  const ratio = count / threshold;
  if (ratio >= 3) return 'critical';
  if (ratio >= 2) return 'high';
  if (ratio >= 1.5) return 'medium';
  return 'low';
}

const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a delivery of an alert raised at `at` may go out: at once outside the quiet hours (and
 * always for a critical alert), otherwise at the end of the quiet hours, local time.
 */
export function deliverableAt(at: Date, severity: AlertSeverity, s: Pick<HotspotSettings, 'quietFrom' | 'quietTo'>, timeZone: string): Date {
  if (!s.quietFrom || !s.quietTo || severity === 'critical') return at;
  const p = zonedParts(at, timeZone);
  const now = p.hour * 60 + p.minute;
  const from = minuteOf(s.quietFrom);
  const to = minuteOf(s.quietTo);
  const today = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  const wraps = from > to;
  const quiet = wraps ? now >= from || now < to : now >= from && now < to;
  if (!quiet) return at;
  const endDay = wraps && now >= from ? addDays(today, 1) : today;
  return zonedTimeToInstant(endDay, to, timeZone);
}

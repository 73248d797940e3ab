import { DEFAULT_TIME_ZONE, isIsoDate, localDateOf } from '@hotline/calendar';

// RFC 3339 date-time: a date, hours, minutes, seconds, an optional fraction and an offset.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * An event's RFC 3339 instant, or null when the producer left it empty or it is malformed. A
 * date or time that does not exist (2025-02-30, 24:00) is malformed: JavaScript's parser would
 * roll it over into another day (2025-03-02) and count the fact there.
 */
export function instantOrNull(value: string | null | undefined): Date | null {
  const m = value ? DATE_TIME.exec(value) : null;
  if (!m || !isIsoDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) return null;
  if (m[5] !== undefined && (Number(m[5]) > 23 || Number(m[6]) > 59)) return null;
  const date = new Date(m[0]);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The local receipt day (YYYY-MM-DD) of a request received at `receivedAt`; Asia/Shanghai until
 * tenant time zones reach analytics.
 */
export function receiptDay(receivedAt: string | null | undefined, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const instant = instantOrNull(receivedAt);
  return instant ? localDateOf(instant, timeZone) : null;
}

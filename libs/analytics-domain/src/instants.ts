import { DEFAULT_TIME_ZONE, localDateOf } from '@hotline/calendar';

/** An event's RFC 3339 instant, or null when the producer left it empty or it is malformed. */
export function instantOrNull(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
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

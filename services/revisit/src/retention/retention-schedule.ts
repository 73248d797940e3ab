import { TimerSpec } from '@hotline/platform';

/** Timer of a tenant's daily retention run (key `<tenant>:<UTC date of its due>`). */
export const RETENTION_DAILY_TIMER = 'retention-daily';
/** Timer of one batch of a run (key `<run id>:<batch number>`): each batch schedules the next. */
export const RETENTION_BATCH_TIMER = 'retention-batch';

/**
 * The daily run's hour, in UTC: 19:00, which is 03:00 in Asia/Shanghai (every tenant's default
 * zone), when a hotline's load is lowest. One hour for all tenants keeps the timer's key a date.
 */
export const RETENTION_DAILY_HOUR_UTC = 19;

/** Records anonymised per batch (one timer transaction) unless RETENTION_BATCH_SIZE says otherwise. */
export const DEFAULT_RETENTION_BATCH_SIZE = 100;

/** A run whose last batch is older than this is taken as stalled (its timer failed for good): the daily run fails it and starts anew. */
export const STALLED_RUN_MS = 24 * 3600 * 1000;

/** The first daily slot strictly after `now`. */
export function nextDailySlot(now: Date): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RETENTION_DAILY_HOUR_UTC));
  if (slot.getTime() <= now.getTime()) slot.setUTCDate(slot.getUTCDate() + 1);
  return slot;
}

/**
 * The tenant's next daily timer. Its key names the day, so scheduling it again (every archive
 * append does, with scheduleNoLaterThan) is the same row, and a fired day's timer is never
 * moved: the firing schedules the next day's under a new key.
 */
export function dailyRetentionTimer(tenantId: string, now: Date): TimerSpec {
  const dueAt = nextDailySlot(now);
  return { tenantId, kind: RETENTION_DAILY_TIMER, key: `${tenantId}:${dueAt.toISOString().slice(0, 10)}`, dueAt };
}

/**
 * The closure instant before which a request's retention ended at `asOf`: `years` calendar years
 * earlier in UTC (29 February goes to 1 March of a common year, as Date arithmetic does).
 */
export function retentionCutoff(asOf: Date, years: number): Date {
  const cutoff = new Date(asOf.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

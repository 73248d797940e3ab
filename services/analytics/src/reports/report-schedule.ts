import { EntityManager } from 'typeorm';
import { PeriodSpan, periodAt, scheduledAt } from '@hotline/analytics-domain';
import { TimerSpec, Timers } from '@hotline/platform';
import { REPORT_PERIODS } from '@hotline/vocabulary';

/** The durable timer of one period's scheduled report (key `<tenant>:<period>:<first day>`). */
export const REPORT_DUE_TIMER = 'report-due';

/** When none is configured (REPORT_DELAY_MINUTES): an hour for events published late. */
export const DEFAULT_REPORT_DELAY_MINUTES = 60;

export function reportDelayMinutes(serviceConfig: Record<string, unknown>): number {
  const value = serviceConfig.REPORT_DELAY_MINUTES;
  return typeof value === 'number' ? value : DEFAULT_REPORT_DELAY_MINUTES;
}

/** The timer of the span's report: due once the span has ended in the time zone, plus the delay. */
export function reportTimer(tenantId: string, span: PeriodSpan, timeZone: string, delayMinutes: number): TimerSpec {
  return {
    tenantId,
    kind: REPORT_DUE_TIMER,
    key: `${tenantId}:${span.period}:${span.start}`,
    dueAt: scheduledAt(span, timeZone, delayMinutes),
    payload: { period: span.period, start: span.start },
  };
}

/**
 * Schedules the timer unless one of its key exists in any state: a period's timer that fired (or
 * failed, for a person to look at) is never brought back, so a chain is never fired twice.
 */
export async function scheduleOnce(m: EntityManager, spec: TimerSpec): Promise<boolean> {
  const known = await m.query(`select 1 from timers where kind = $1 and key = $2`, [spec.kind, spec.key]);
  if (known.length > 0) return false;
  await Timers.schedule(m, spec);
  return true;
}

/** Periods whose timer this process has seen in place: `<tenant>:<period>` → first day (one entry per tenant and period). */
const seen = new Map<string, string>();

/**
 * Keeps the tenant's report chain going: the timers of the day, week and month running at `now`
 * (each firing schedules the next period's). Returns how many it scheduled; once a period's are
 * in place (seen by this process) it costs a map lookup.
 */
export async function ensureReportTimers(m: EntityManager, tenantId: string, timeZone: string, delayMinutes: number, now: Date): Promise<number> {
  let scheduled = 0;
  for (const period of REPORT_PERIODS) {
    const span = periodAt(period, now, timeZone);
    const memo = `${tenantId}:${period}`;
    if (seen.get(memo) === span.start) continue;
    if (await scheduleOnce(m, reportTimer(tenantId, span, timeZone, delayMinutes))) scheduled++;
    seen.set(memo, span.start);
  }
  return scheduled;
}

/** Forgets what this process has seen (a test that removes timers). */
export function forgetSeenReportTimers(): void {
  seen.clear();
}

import type { BackgroundWorker, ServiceContext } from '@hotline/platform';
import { tenantTimeZone } from '../tenant-settings/tenant-time-zones';
import { ensureReportTimers, reportDelayMinutes } from './report-schedule';

/** How often the tenants' report timers are checked: a new tenant's first timers come within it. */
export const REPORT_SCHEDULE_CHECK_MS = 10 * 60_000;

/**
 * Puts each active tenant's report timers for the running day, week and month in place (the
 * durable timers do the rest, each firing scheduling the next period's). It only starts or
 * restarts chains: a new tenant, one whose chain a failed timer ended, one after an upgrade.
 * Returns how many timers it scheduled.
 */
export async function keepReportSchedules(ctx: ServiceContext, now: Date = new Date()): Promise<number> {
  const delayMinutes = reportDelayMinutes(ctx.serviceConfig);
  let scheduled = 0;
  for (const tenant of await ctx.tenants.list()) {
    if (tenant.status !== 'active') continue;
    // The zone the tenant's days are counted in (tenant_settings), so a period ends where its figures do.
    scheduled += await ctx.db.run(tenant.code, async (m) => ensureReportTimers(m, tenant.code, await tenantTimeZone(m, tenant.code), delayMinutes, now));
  }
  return scheduled;
}

/** Runs keepReportSchedules at start and every REPORT_SCHEDULE_CHECK_MS; a failed pass is logged and tried at the next. */
export function reportScheduleKeeper(ctx: ServiceContext, everyMs = REPORT_SCHEDULE_CHECK_MS): BackgroundWorker {
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  let stopped = false;
  const next = (delay: number) => {
    timer = setTimeout(() => {
      pass = keepReportSchedules(ctx)
        .then(() => undefined, (err: Error) => ctx.logger.warn({ err: err.message }, 'report schedule check failed'))
        .finally(() => {
          if (!stopped) next(everyMs);
        });
    }, delay);
  };
  return {
    name: 'report schedule',
    start: () => next(0),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}

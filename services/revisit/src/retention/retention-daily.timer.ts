import { onTimer, Timers } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { retentionBatchSize } from './retention-config';
import { dailyRetentionTimer, RETENTION_DAILY_TIMER } from './retention-schedule';
import { startRetentionRun } from './start-retention-run.command';

/**
 * A tenant's daily retention run: schedules tomorrow's (a new key, so this firing's mark does not
 * overwrite it) and starts a run as of now, unless one is still running.
 */
export const retentionDailyTimer = onTimer(RETENTION_DAILY_TIMER, async (timer, manager, ctx) => {
  const now = new Date();
  // Tomorrow's, or the day after when this one fired before its own day's slot (brought forward).
  const next = dailyRetentionTimer(timer.tenantId, now);
  await Timers.schedule(manager, next.key === timer.key ? dailyRetentionTimer(timer.tenantId, next.dueAt) : next);
  await startRetentionRun(manager, timer.tenantId, {
    trigger: 'schedule',
    asOf: now,
    requestedBy: systemActor('revisit'),
    batchSize: retentionBatchSize(ctx.serviceConfig),
  });
});

import { onTimer } from '@hotline/platform';
import { failRun, findRun } from './retention.repository';
import { RETENTION_BATCH_TIMER } from './retention-schedule';
import { runRetentionBatch } from './run-retention-batch';

/** Attempts of one batch before its run is failed (the error kept in the run): below the worker's own limit, so the run never stays running. */
export const RETENTION_BATCH_ATTEMPTS = 3;

/**
 * A batch of a retention run came due. A run no longer running (failed, completed) is left as
 * it is. A batch that fails is rolled back whole and retried with the timer's backoff; after
 * RETENTION_BATCH_ATTEMPTS the run is failed with the error, what the earlier batches did stays.
 */
export const retentionBatchTimer = onTimer(RETENTION_BATCH_TIMER, async (timer, manager, ctx) => {
  const run = await findRun(manager, String(timer.payload['runId']), true);
  if (!run || run.status !== 'running') return;
  await manager.query('savepoint retention_batch');
  try {
    await runRetentionBatch(manager, ctx.outbox, run);
    await manager.query('release savepoint retention_batch');
  } catch (err) {
    await manager.query('rollback to savepoint retention_batch');
    if (timer.attempts + 1 < RETENTION_BATCH_ATTEMPTS) throw err;
    ctx.logger.warn({ runId: run.id, err: (err as Error).message }, 'retention run failed');
    await failRun(manager, run.id, (err as Error).message);
  }
});

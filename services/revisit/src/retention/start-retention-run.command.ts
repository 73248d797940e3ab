import { EntityManager } from 'typeorm';
import { ProblemError, Timers, uuidv7 } from '@hotline/platform';
import type { RetentionRunTrigger } from '@hotline/vocabulary';
import { countRetentionCandidates, lastLink } from '../archive/archive.repository';
import { failRun, insertRun, loadRetentionPolicy, RetentionRun, runningRun } from './retention.repository';
import { RETENTION_BATCH_TIMER, retentionCutoff, STALLED_RUN_MS } from './retention-schedule';

export interface StartRun {
  trigger: RetentionRunTrigger;
  /** The instant the run acts at: requests closed more than the policy's years before it are anonymised. */
  asOf: Date;
  requestedBy: string;
  batchSize: number;
}

/** The first batch of a run (each batch schedules the next: ADR 0005's timers, so a restart resumes it). */
export function batchTimer(run: Pick<RetentionRun, 'id' | 'tenantId'>, batch: number) {
  return { tenantId: run.tenantId, kind: RETENTION_BATCH_TIMER, key: `${run.id}:${batch}`, dueAt: new Date(), payload: { runId: run.id } };
}

/**
 * Starts a retention run of the current tenant with its policy as it stands (kept in the run):
 * counts the archived requests it will anonymise — closed before the cut-off, up to the chain's
 * head now — and schedules its first batch, or completes it at once when there are none (or the
 * policy removes nothing). One run at a time: an on-demand run while one is running is a 409;
 * the daily one leaves it running, unless it made no progress for a day (its timer failed for
 * good), which fails it and starts anew.
 */
export async function startRetentionRun(manager: EntityManager, tenantId: string, input: StartRun): Promise<RetentionRun> {
  const running = await runningRun(manager);
  if (running) {
    const stalled = Date.now() - running.updatedAt.getTime() > STALLED_RUN_MS;
    if (input.trigger === 'on-demand' && !stalled) throw ProblemError.conflict(`retention run ${running.id} is still running`);
    if (!stalled) return running;
    await failRun(manager, running.id, 'stalled: no batch for a day');
  }
  const policy = await loadRetentionPolicy(manager);
  const cutoff = retentionCutoff(input.asOf, policy.closedRequestYears);
  const until = (await lastLink(manager))?.sequence ?? 0;
  const removes = policy.anonymiseIdentity || policy.anonymiseFreeText;
  const total = removes ? await countRetentionCandidates(manager, cutoff, 0, until) : 0;
  const now = new Date();
  const run: RetentionRun = {
    id: uuidv7(),
    tenantId,
    trigger: input.trigger,
    status: total > 0 ? 'running' : 'completed',
    asOf: input.asOf,
    cutoff,
    closedRequestYears: policy.closedRequestYears,
    anonymiseIdentity: policy.anonymiseIdentity,
    anonymiseFreeText: policy.anonymiseFreeText,
    batchSize: input.batchSize,
    total,
    anonymised: 0,
    batches: 0,
    lastSequence: 0,
    untilSequence: until,
    requestedBy: input.requestedBy,
    startedAt: now,
    updatedAt: now,
    finishedAt: total > 0 ? null : now,
    error: null,
  };
  await insertRun(manager, run);
  if (total > 0) await Timers.schedule(manager, batchTimer(run, 1));
  return run;
}

import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox, Timers } from '@hotline/platform';
import { anonymiseArchivedBatch } from '../archive/anonymise-archived';
import { anonymiseCaseFiles } from './anonymise-case-files';
import { recordBatch, RetentionRun } from './retention.repository';
import { batchTimer } from './start-retention-run.command';

/**
 * One batch of a run, in the timer's transaction: the next archived requests anonymised in the
 * archive (sealed, listed in an anonymisation entry) and in revisit's case file, a
 * RequestAnonymised for each in the outbox (intake and handling anonymise their copies), the
 * run's progress, and the next batch's timer while a whole batch was found.
 */
export async function runRetentionBatch(manager: EntityManager, outbox: Outbox, run: RetentionRun): Promise<void> {
  const scope = { identity: run.anonymiseIdentity, freeText: run.anonymiseFreeText };
  const at = new Date();
  const batch = await anonymiseArchivedBatch(manager, {
    tenantId: run.tenantId,
    runId: run.id,
    cutoff: run.cutoff,
    after: run.lastSequence,
    until: run.untilSequence,
    limit: run.batchSize,
    scope,
    at,
  });
  const requestIds = batch.links.map((l) => l.requestId);
  await anonymiseCaseFiles(manager, requestIds, scope);
  for (const requestId of requestIds)
    await outbox.append(manager, {
      event: Events.revisit.requestAnonymised,
      tenantId: run.tenantId,
      aggregateType: 'request',
      aggregateId: requestId,
      payload: { requestId, anonymisedAt: at.toISOString(), runId: run.id, identity: scope.identity, freeText: scope.freeText },
    });
  const done = batch.links.length < run.batchSize;
  await recordBatch(manager, run.id, batch.links.length, batch.links.at(-1)?.sequence ?? run.lastSequence, done);
  if (!done) await Timers.schedule(manager, batchTimer(run, run.batches + 2));
}

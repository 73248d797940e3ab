import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { closeAfterSkip, RevisitClosure } from '@hotline/revisit-domain';
import type { RevisitSkipReason } from '@hotline/vocabulary';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { RequestProgressEntity } from '../revisits/request-progress.entity';
import { closeRequest } from './close-request';

/**
 * Records RevisitSkipped for a request awaiting its revisit, then closes and archives it.
 * `into` adapts the closure before it is taken (a skip into 持续跟踪 opens its follow-up there).
 */
export async function skipRevisit(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  progress: RequestProgressEntity,
  reason: RevisitSkipReason,
  into?: (closure: RevisitClosure) => Promise<RevisitClosure>,
): Promise<ArchiveRecordEntity> {
  const skipped = closeAfterSkip(reason, new Date().toISOString());
  await outbox.append(manager, {
    event: Events.revisit.revisitSkipped,
    tenantId,
    aggregateType: 'request',
    aggregateId: progress.requestId,
    payload: { requestId: progress.requestId, reason, skippedAt: skipped.closedAt, unitId: progress.primaryUnitId },
  });
  const closure = into ? await into(skipped) : skipped;
  return closeRequest(manager, outbox, tenantId, progress, closure);
}

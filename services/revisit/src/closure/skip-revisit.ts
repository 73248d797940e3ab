import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { closeAfterSkip } from '@hotline/revisit-domain';
import type { RevisitSkipReason } from '@hotline/vocabulary';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { RequestProgressEntity } from '../revisits/request-progress.entity';
import { closeRequest } from './close-request';

/** Records RevisitSkipped for a request awaiting its revisit, then closes and archives it. */
export async function skipRevisit(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  progress: RequestProgressEntity,
  reason: RevisitSkipReason,
): Promise<ArchiveRecordEntity> {
  const closure = closeAfterSkip(reason, new Date().toISOString());
  await outbox.append(manager, {
    event: Events.revisit.revisitSkipped,
    tenantId,
    aggregateType: 'request',
    aggregateId: progress.requestId,
    payload: { requestId: progress.requestId, reason, skippedAt: closure.closedAt, unitId: progress.primaryUnitId },
  });
  return closeRequest(manager, outbox, tenantId, progress, closure);
}

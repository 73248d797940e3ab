import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Identity, Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { closeAfterEvaluation, revisitRefusal } from '@hotline/revisit-domain';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { requesterOf } from '../case-file/case-file.repository';
import { closeRequest } from '../closure/close-request';
import { RevisitEntity } from './revisit.entity';
import { RecordRevisit } from './revisits.schemas';
import { findProgress, insertRevisit } from './revisits.repository';

/**
 * Records a revisit (回访) of the primary unit's answer, closes the request and archives it, all
 * in the caller's transaction, with RevisitRecorded, RequestClosed and RequestArchived in that order.
 */
export async function recordRevisit(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  input: RecordRevisit,
): Promise<{ revisit: RevisitEntity; archived: ArchiveRecordEntity }> {
  const progress = await findProgress(manager, input.requestId, true);
  if (!progress) throw ProblemError.notFound(`request ${input.requestId}`);
  const refusal = revisitRefusal(input.requestId, progress, await requesterOf(manager, input.requestId));
  if (refusal) throw ProblemError.conflict(refusal);

  const revisit = manager.getRepository(RevisitEntity).create({
    id: uuidv7(),
    tenantId: who.tenantId,
    requestId: input.requestId,
    unitId: progress.primaryUnitId,
    method: input.method,
    resolved: input.resolved,
    satisfaction: input.satisfaction,
    recordedAt: new Date(),
    recordedBy: who.subject,
  });
  await insertRevisit(manager, revisit);
  const recordedAt = revisit.recordedAt.toISOString();
  await outbox.append(manager, {
    event: Events.revisit.revisitRecorded,
    tenantId: who.tenantId,
    aggregateType: 'request',
    aggregateId: input.requestId,
    payload: {
      revisitId: revisit.id,
      requestId: input.requestId,
      method: input.method,
      resolved: input.resolved,
      satisfaction: input.satisfaction,
      recordedAt,
      unitId: progress.primaryUnitId,
      recordedBy: who.subject,
    },
  });
  const closure = closeAfterEvaluation({
    method: input.method,
    resolved: input.resolved,
    satisfaction: input.satisfaction,
    recordedAt,
    recordedBy: who.subject,
  });
  const archived = await closeRequest(manager, outbox, who.tenantId, progress, closure);
  return { revisit, archived };
}

import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Identity, Outbox, ProblemError, Timers, uuidv7 } from '@hotline/platform';
import {
  ArchivedEarlierEvaluation,
  closeAfterEvaluation,
  closingBasis,
  Evaluation,
  isResolved,
  resolutionOf,
  revisitRefusal,
} from '@hotline/revisit-domain';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { requesterOf } from '../case-file/case-file.repository';
import { closeRequest } from '../closure/close-request';
import { RequestProgressEntity } from './request-progress.entity';
import { RevisitEntity } from './revisit.entity';
import { RecordRevisit } from './revisits.schemas';
import { findProgress, insertRevisit, revisitsSentBack, saveProgress } from './revisits.repository';
import { REVISIT_WINDOW_TIMER } from './start-revisit';

/** An evaluation as the archive keeps it. */
export function evaluationOf(r: RevisitEntity): Evaluation {
  return {
    method: r.method,
    resolution: r.resolution,
    satisfaction: r.satisfaction,
    respondent: r.respondent,
    defaulted: r.defaulted,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedBy,
  };
}

/** The evaluations sent back for 重办 before this one, as the archive keeps them. */
export async function earlierEvaluations(manager: EntityManager, requestId: string): Promise<ArchivedEarlierEvaluation[]> {
  return (await revisitsSentBack(manager, requestId)).map((r) => ({
    method: r.method,
    resolution: r.resolution,
    satisfaction: r.satisfaction,
    recordedAt: r.recordedAt.toISOString(),
    judgement: { judgement: 'reasonable', note: r.judgementNote ?? '', judgedAt: r.judgedAt?.toISOString() ?? '', judgedBy: r.judgedBy ?? '' },
  }));
}

/**
 * Records an evaluation of a request awaiting its revisit, with RevisitRecorded, in the caller's
 * transaction, and ends its window. By the closing rule it closes and archives the request
 * (RequestClosed, RequestArchived) unless it is 不满意 or 未解决: then it awaits a reviewer's judgement.
 */
export async function recordEvaluation(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  progress: RequestProgressEntity,
  evaluation: Evaluation,
): Promise<{ revisit: RevisitEntity; archived: ArchiveRecordEntity | null }> {
  const revisit = manager.getRepository(RevisitEntity).create({
    id: uuidv7(),
    tenantId,
    requestId: progress.requestId,
    unitId: progress.primaryUnitId,
    method: evaluation.method,
    resolved: isResolved(evaluation.resolution),
    resolution: evaluation.resolution,
    satisfaction: evaluation.satisfaction,
    respondent: evaluation.respondent,
    defaulted: evaluation.defaulted,
    judgement: null,
    judgementNote: null,
    judgedAt: null,
    judgedBy: null,
    recordedAt: new Date(evaluation.recordedAt),
    recordedBy: evaluation.recordedBy,
  });
  await insertRevisit(manager, revisit);
  await Timers.cancel(manager, REVISIT_WINDOW_TIMER, progress.requestId);
  await outbox.append(manager, {
    event: Events.revisit.revisitRecorded,
    tenantId,
    aggregateType: 'request',
    aggregateId: progress.requestId,
    payload: {
      revisitId: revisit.id,
      requestId: progress.requestId,
      method: revisit.method,
      resolved: revisit.resolved,
      satisfaction: revisit.satisfaction,
      recordedAt: evaluation.recordedAt,
      unitId: progress.primaryUnitId,
      recordedBy: revisit.recordedBy,
      resolution: revisit.resolution,
      respondent: revisit.respondent ?? '',
      defaulted: revisit.defaulted,
    },
  });
  const basis = closingBasis({ revisitRequired: true, evaluation, judgement: null, attemptsExhausted: false });
  if (basis !== 'evaluated') {
    progress.status = 'awaiting-judgement';
    progress.updatedAt = revisit.recordedAt;
    await saveProgress(manager, progress);
    return { revisit, archived: null };
  }
  const closure = closeAfterEvaluation(evaluation, null, await earlierEvaluations(manager, progress.requestId));
  return { revisit, archived: await closeRequest(manager, outbox, tenantId, progress, closure) };
}

/** POST /v1/revisits: an agent or reviewer records the requester's answers. */
export async function recordRevisit(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  input: RecordRevisit,
): Promise<{ revisit: RevisitEntity; archived: ArchiveRecordEntity | null }> {
  const progress = await findProgress(manager, input.requestId, true);
  if (!progress) throw ProblemError.notFound(`request ${input.requestId}`);
  const refusal = revisitRefusal(input.requestId, progress, await requesterOf(manager, input.requestId));
  if (refusal) throw ProblemError.conflict(refusal);
  const evaluation: Evaluation = {
    method: input.method,
    resolution: input.resolution ?? resolutionOf(input.resolved ?? false),
    satisfaction: input.satisfaction,
    respondent: input.respondent ?? null,
    defaulted: false,
    recordedAt: new Date().toISOString(),
    recordedBy: who.subject,
  };
  return recordEvaluation(manager, outbox, who.tenantId, progress, evaluation);
}

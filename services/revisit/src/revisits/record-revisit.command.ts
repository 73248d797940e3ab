import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { FieldError, Identity, Outbox, ProblemError, Timers, uuidv7 } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import {
  ArchivedEarlierEvaluation,
  closeAfterEvaluation,
  closingBasis,
  Evaluation,
  isResolved,
  methodRefusal,
  resolutionOf,
  revisitRefusal,
} from '@hotline/revisit-domain';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { requesterOf } from '../case-file/case-file.repository';
import { closeRequest } from '../closure/close-request';
import { revisitRuleOf } from '../policies/sampling-policies.query';
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
    note: r.note,
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
    note: evaluation.note ?? null,
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
      // Empty for the hotline's own check (respondent hotline): 未评价, no evaluation for 满意率.
      satisfaction: revisit.satisfaction ?? '',
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

/**
 * What the request's rule and its kind of revisit allow of a recorded revisit, as field errors:
 * the method must be one the rule uses (a hotline check is the hotline's own work, not a contact
 * with the requester, so the rule's methods do not bind it), and respondent `hotline` is the
 * answer of a hotline check and only of one.
 */
async function ruleErrors(manager: EntityManager, progress: RequestProgressEntity, input: RecordRevisit): Promise<FieldError[]> {
  if (progress.hotlineCheck)
    return input.respondent === 'hotline'
      ? []
      : [{ field: 'respondent', message: `request ${progress.requestId} is anonymous and checked by the hotline itself: respondent must be hotline (nobody was asked)` }];
  if (input.respondent === 'hotline')
    return [{ field: 'respondent', message: `request ${progress.requestId} is not a hotline check: hotline answers only for anonymous requests the hotline checks itself` }];
  const refusal = methodRefusal(await revisitRuleOf(manager, progress.requestId), input.method);
  return refusal ? [{ field: 'method', message: refusal }] : [];
}

/**
 * POST /v1/revisits: an agent or reviewer records the requester's answers, or, for an anonymous
 * request the hotline checks itself, the hotline's finding (respondent hotline, no satisfaction,
 * the note masked). Either closes by the closing rule.
 */
export async function recordRevisit(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  input: RecordRevisit,
): Promise<{ revisit: RevisitEntity; archived: ArchiveRecordEntity | null }> {
  const progress = await findProgress(manager, input.requestId, true);
  if (!progress) throw ProblemError.notFound(`request ${input.requestId}`);
  // A hotline check is the revisit of an anonymous requester: the anonymity does not refuse it.
  const refusal = revisitRefusal(input.requestId, progress, progress.hotlineCheck ? null : await requesterOf(manager, input.requestId));
  if (refusal) throw ProblemError.conflict(refusal);
  const errors = await ruleErrors(manager, progress, input);
  if (errors.length > 0) throw ProblemError.validation(errors);
  const evaluation: Evaluation = {
    method: input.method,
    resolution: input.resolution ?? resolutionOf(input.resolved ?? false),
    satisfaction: input.satisfaction ?? null,
    respondent: input.respondent ?? null,
    defaulted: false,
    recordedAt: new Date().toISOString(),
    recordedBy: who.subject,
    note: input.note === undefined ? null : maskPersonalData(input.note),
  };
  return recordEvaluation(manager, outbox, who.tenantId, progress, evaluation);
}

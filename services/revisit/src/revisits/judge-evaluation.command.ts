import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { ArchivedJudgement, closeAfterEvaluation, closingBasis } from '@hotline/revisit-domain';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { closeRequest } from '../closure/close-request';
import { earlierEvaluations, evaluationOf } from './record-revisit.command';
import { RevisitEntity } from './revisit.entity';
import { JudgeEvaluation } from './revisits.schemas';
import { findProgress, latestRevisit, saveProgress, saveRevisit } from './revisits.repository';

/**
 * A reviewer judges the dissatisfied or unresolved evaluation a request awaits judgement on, with
 * EvaluationJudged. Reasonable (合理差评): the request waits for 重办 — handling reopens the
 * primary order with a new limit on this event, and the evaluation after its new answer is the
 * one that counts. Unreasonable: the request closes with that judgement kept in the archive.
 * The note is kept and published masked.
 */
export async function judgeEvaluation(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  requestId: string,
  input: JudgeEvaluation,
): Promise<{ revisit: RevisitEntity; archived: ArchiveRecordEntity | null }> {
  const progress = await findProgress(manager, requestId, true);
  if (!progress) throw ProblemError.notFound(`request ${requestId}`);
  if (progress.status !== 'awaiting-judgement') throw ProblemError.conflict(`request ${requestId} is ${progress.status}, not awaiting a judgement of its evaluation`);
  const revisit = await latestRevisit(manager, requestId);
  if (!revisit) throw ProblemError.conflict(`request ${requestId} has no evaluation to judge`);
  const judged: ArchivedJudgement = {
    judgement: input.reasonable ? 'reasonable' : 'unreasonable',
    note: maskPersonalData(input.note),
    judgedAt: new Date().toISOString(),
    judgedBy: who.subject,
  };
  revisit.judgement = judged.judgement;
  revisit.judgementNote = judged.note;
  revisit.judgedAt = new Date(judged.judgedAt);
  revisit.judgedBy = judged.judgedBy;
  await saveRevisit(manager, revisit);
  await outbox.append(manager, {
    event: Events.revisit.evaluationJudged,
    tenantId: who.tenantId,
    aggregateType: 'request',
    aggregateId: requestId,
    payload: {
      requestId,
      revisitId: revisit.id,
      reasonable: input.reasonable,
      note: judged.note,
      judgedAt: judged.judgedAt,
      judgedBy: judged.judgedBy,
      unitId: progress.primaryUnitId,
      workOrderId: progress.primaryWorkOrderId,
    },
  });
  const evaluation = evaluationOf(revisit);
  const basis = closingBasis({ revisitRequired: true, evaluation, judgement: judged.judgement, attemptsExhausted: false });
  if (basis === null) {
    progress.status = 'redo';
    progress.updatedAt = revisit.judgedAt;
    await saveProgress(manager, progress);
    return { revisit, archived: null };
  }
  const closure = closeAfterEvaluation(evaluation, judged, await earlierEvaluations(manager, requestId));
  return { revisit, archived: await closeRequest(manager, outbox, who.tenantId, progress, closure) };
}

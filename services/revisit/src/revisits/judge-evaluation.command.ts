import { EntityManager } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { ArchivedJudgement, closeAfterEvaluation, closingBasis } from '@hotline/revisit-domain';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { closeRequest } from '../closure/close-request';
import { intoFollowUp } from '../follow-ups/close-into-follow-up';
import { assertFollowUpDate } from '../follow-ups/follow-up-dates';
import { FollowUp, openFollowUpOf } from '../follow-ups/follow-ups.repository';
import { earlierEvaluations, evaluationOf } from './record-revisit.command';
import { RevisitEntity } from './revisit.entity';
import { JudgeEvaluation } from './revisits.schemas';
import { findProgress, latestRevisit, saveProgress, saveRevisit } from './revisits.repository';

/**
 * A reviewer judges the dissatisfied or unresolved evaluation a request awaits judgement on, with
 * EvaluationJudged (its `judgement`, and `reasonable` true for a reasonable one only).
 * Reasonable (合理差评): the request waits for 重办 — handling reopens the primary order with a
 * new limit on this event, and the evaluation after its new answer is the one that counts.
 * Unreasonable: the request closes with that judgement kept in the archive. Follow-up (持续跟踪):
 * fair, but it cannot be solved now for an objective reason; nothing is reopened, the request
 * closes (basis `follow-up`) into a follow-up for its primary unit on the date given (after the
 * tenant's today, at most a year ahead; a 400 on `followUpOn` otherwise), archived with it.
 * The note is kept and published masked.
 */
export async function judgeEvaluation(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  requestId: string,
  input: JudgeEvaluation,
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<{ revisit: RevisitEntity; archived: ArchiveRecordEntity | null; followUp: FollowUp | null }> {
  const progress = await findProgress(manager, requestId, true);
  if (!progress) throw ProblemError.notFound(`request ${requestId}`);
  if (progress.status !== 'awaiting-judgement') throw ProblemError.conflict(`request ${requestId} is ${progress.status}, not awaiting a judgement of its evaluation`);
  const revisit = await latestRevisit(manager, requestId);
  if (!revisit) throw ProblemError.conflict(`request ${requestId} has no evaluation to judge`);
  const now = new Date();
  if (input.followUp) assertFollowUpDate('followUpOn', input.followUp.followUpOn, timeZone, now);
  const judged: ArchivedJudgement = {
    judgement: input.judgement,
    note: maskPersonalData(input.note),
    judgedAt: now.toISOString(),
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
      // handling reopens the order on `reasonable` alone: a follow-up is not sent back.
      reasonable: judged.judgement === 'reasonable',
      note: judged.note,
      judgedAt: judged.judgedAt,
      judgedBy: judged.judgedBy,
      unitId: progress.primaryUnitId,
      workOrderId: progress.primaryWorkOrderId,
      judgement: judged.judgement,
    },
  });
  const evaluation = evaluationOf(revisit);
  const basis = closingBasis({ revisitRequired: true, evaluation, judgement: judged.judgement, attemptsExhausted: false });
  if (basis === null) {
    progress.status = 'redo';
    progress.updatedAt = revisit.judgedAt;
    await saveProgress(manager, progress);
    return { revisit, archived: null, followUp: null };
  }
  const closure = closeAfterEvaluation(evaluation, judged, await earlierEvaluations(manager, requestId));
  if (basis === 'follow-up' && input.followUp) {
    const decision = { ...input.followUp, note: judged.note, at: now, by: who.subject, timeZone };
    const into = await intoFollowUp(manager, outbox, who.tenantId, progress, decision)(closure);
    const archived = await closeRequest(manager, outbox, who.tenantId, progress, into);
    return { revisit, archived, followUp: await openFollowUpOf(manager, requestId) };
  }
  return { revisit, archived: await closeRequest(manager, outbox, who.tenantId, progress, closure), followUp: null };
}

import { EntityManager } from 'typeorm';
import { Outbox, Timers } from '@hotline/platform';
import { ArchivedJudgement, ArchivedRevisit, closeAfterEvaluation, closingBasis, Termination, terminatedClosure } from '@hotline/revisit-domain';
import { systemActor, TERMINATION_REASON_LABELS, TerminationReason } from '@hotline/vocabulary';
import { appendToArchive } from '../archive/append-to-archive';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { endFollowUpOfTerminated } from '../follow-ups/end-follow-up';
import { withdrawPendingReviews } from '../reviews/reviews.repository';
import { evaluationOf } from '../revisits/record-revisit.command';
import { RevisitEntity } from '../revisits/revisit.entity';
import { findProgress, latestRevisit, revisitsSentBack } from '../revisits/revisits.repository';
import { REVISIT_WINDOW_TIMER } from '../revisits/start-revisit';
import { markTerminated } from './closures.repository';
import { recordTermination } from './terminations.repository';

const judgementOf = (r: RevisitEntity): ArchivedJudgement | null =>
  r.judgement
    ? { judgement: r.judgement, note: r.judgementNote ?? '', judgedAt: r.judgedAt?.toISOString() ?? '', judgedBy: r.judgedBy ?? '' }
    : null;

/**
 * The evaluations recorded before the termination, as the archive keeps a revisit: the latest
 * (with its judgement, if it had one) and those sent back for 重办 before it; null when none was
 * recorded. The termination is not a revisit: none is drawn for it.
 */
async function revisitOnFile(manager: EntityManager, requestId: string): Promise<ArchivedRevisit | null> {
  const latest = await latestRevisit(manager, requestId);
  if (!latest) return null;
  const earlier = (await revisitsSentBack(manager, requestId))
    .filter((r) => r.id !== latest.id)
    .map((r) => ({
      method: r.method,
      resolution: r.resolution,
      satisfaction: r.satisfaction,
      recordedAt: r.recordedAt.toISOString(),
      judgement: judgementOf(r) as ArchivedJudgement,
    }));
  return closeAfterEvaluation(evaluationOf(latest), judgementOf(latest), earlier).revisit;
}

/**
 * An approved 诉求终结 (intake's RequestTerminated) closes the request's case file at whatever
 * stage it is, in the consumer's inbox transaction: the termination kept; the revisit window's
 * timer cancelled and no revisit drawn (the progress row closed with basis `terminated`, created
 * closed if no answer reached revisit yet, so a later answer is withdrawn and reopens nothing);
 * the answers still pending review withdrawn; the request appended to the archive with the
 * termination as its closure (RequestArchived, so intake moves it on to archived). No
 * RequestClosed: intake closed the request itself, as terminated.
 *
 * A request revisit had closed already (the termination crossed a closure on the way) keeps its
 * closure and its archive record (archived once); an open 持续跟踪 of it ends, as nothing more is
 * owed on a terminated matter. Returns the archive record when this closed the request.
 */
export async function terminateRequest(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  requestId: string,
  t: Termination,
): Promise<ArchiveRecordEntity | null> {
  await recordTermination(manager, tenantId, requestId, t);
  const progress = await findProgress(manager, requestId, true);
  if (progress?.status === 'closed') {
    const reason = TERMINATION_REASON_LABELS[t.reasonCode as TerminationReason]?.zh ?? t.reasonCode;
    await endFollowUpOfTerminated(manager, outbox, requestId, { at: new Date(t.terminatedAt), by: t.approvedBy, note: `诉求已终结：${reason}` });
    return null;
  }
  const basis = closingBasis({ revisitRequired: true, evaluation: null, judgement: null, attemptsExhausted: false, terminated: true });
  if (basis !== 'terminated') throw new Error(`closing rule gave ${basis} for a terminated request`);
  await Timers.cancel(manager, REVISIT_WINDOW_TIMER, requestId);
  await markTerminated(manager, tenantId, requestId, t);
  await withdrawPendingReviews(manager, requestId, new Date(t.terminatedAt), systemActor('revisit'));
  return appendToArchive(manager, outbox, {
    tenantId,
    requestId,
    revisit: await revisitOnFile(manager, requestId),
    closure: terminatedClosure(t),
  });
}

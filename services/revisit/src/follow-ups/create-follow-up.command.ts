import { EntityManager } from 'typeorm';
import { Identity, Outbox, ProblemError, Timers } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { directFollowUpRefusal } from '@hotline/revisit-domain';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { skipRevisit } from '../closure/skip-revisit';
import { findProgress } from '../revisits/revisits.repository';
import { REVISIT_WINDOW_TIMER } from '../revisits/start-revisit';
import { intoFollowUp } from './close-into-follow-up';
import { assertFollowUpDate } from './follow-up-dates';
import { FollowUp, openFollowUpOf } from './follow-ups.repository';
import { CreateFollowUp } from './follow-ups.schemas';

/**
 * POST /v1/follow-ups: a reviewer closes a request awaiting its revisit straight into 持续跟踪,
 * because its unit's answer (passed in 复核) says it cannot be solved now for an objective
 * reason. Nobody is asked for an evaluation now, so the revisit is skipped with reason
 * `follow-up` (RevisitSkipped; the requester is revisited at the follow-up instead), its window's
 * timer cancelled, and the request closes (RequestClosed, basis `follow-up`) and is archived with
 * the follow-up it opened (FollowUpChanged `scheduled`), in one transaction.
 */
export async function createFollowUp(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  input: CreateFollowUp,
  timeZone: string,
): Promise<{ followUp: FollowUp; archived: ArchiveRecordEntity }> {
  const progress = await findProgress(manager, input.requestId, true);
  if (!progress) throw ProblemError.notFound(`request ${input.requestId}`);
  const refusal = directFollowUpRefusal(input.requestId, progress.status);
  if (refusal) throw ProblemError.conflict(refusal);
  const at = new Date();
  assertFollowUpDate('followUpOn', input.followUpOn, timeZone, at);
  await Timers.cancel(manager, REVISIT_WINDOW_TIMER, progress.requestId);
  const decision = { reason: input.reason, followUpOn: input.followUpOn, note: maskPersonalData(input.note), at, by: who.subject, timeZone };
  const archived = await skipRevisit(manager, outbox, who.tenantId, progress, 'follow-up', intoFollowUp(manager, outbox, who.tenantId, progress, decision));
  return { followUp: (await openFollowUpOf(manager, progress.requestId)) as FollowUp, archived };
}

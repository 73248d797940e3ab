import { EntityManager } from 'typeorm';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { followUpActionRefusal, followUpStateAfter } from '@hotline/revisit-domain';
import { changeFollowUp } from './follow-up-changes';
import { assertFollowUpDate } from './follow-up-dates';
import { FollowUp, findFollowUp } from './follow-ups.repository';
import { RevisitFollowUp } from './follow-ups.schemas';

/**
 * POST /v1/follow-ups/{id}/revisit: the hotline revisits the requester about a follow-up its unit
 * reported on: with `nextFollowUpOn` the follow-up is scheduled again for that date (its timer
 * moved, the next round), otherwise it ends. FollowUpChanged carries the revisit's 是否解决 and
 * 是否满意; it is no evaluation of the unit's answer (that one was taken at closure), so no
 * RevisitRecorded.
 */
export async function revisitFollowUp(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  id: string,
  input: RevisitFollowUp,
  timeZone: string,
): Promise<FollowUp> {
  const followUp = await findFollowUp(manager, id, true);
  if (!followUp) throw ProblemError.notFound(`follow-up ${id}`);
  const refusal = followUpActionRefusal(id, followUp.state, 'revisit');
  if (refusal) throw ProblemError.conflict(refusal);
  const at = new Date();
  if (input.nextFollowUpOn) assertFollowUpDate('nextFollowUpOn', input.nextFollowUpOn, timeZone, at);
  const change = { at, by: who.subject, note: maskPersonalData(input.note), resolution: input.resolution, satisfaction: input.satisfaction ?? null };
  const next = input.nextFollowUpOn ? { dueOn: input.nextFollowUpOn, timeZone } : undefined;
  return changeFollowUp(manager, outbox, followUp, followUpStateAfter('revisit', input.nextFollowUpOn), change, next);
}

import { EntityManager } from 'typeorm';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { canReportFollowUp, followUpActionRefusal, followUpStateAfter } from '@hotline/revisit-domain';
import { changeFollowUp } from './follow-up-changes';
import { FollowUp, findFollowUp } from './follow-ups.repository';
import { ReportProgress } from './follow-ups.schemas';

/**
 * POST /v1/follow-ups/{id}/progress: the follow-up's own unit reports its progress (staff of
 * another unit get a 404, as for work orders), when it is due or before its date → `reported`
 * (FollowUpChanged with the report, masked); the hotline revisits next.
 */
export async function reportProgress(manager: EntityManager, outbox: Outbox, who: Identity, id: string, input: ReportProgress): Promise<FollowUp> {
  const followUp = await findFollowUp(manager, id, true);
  if (!followUp || !canReportFollowUp(who, followUp.unitCode)) throw ProblemError.notFound(`follow-up ${id}`);
  const refusal = followUpActionRefusal(id, followUp.state, 'report');
  if (refusal) throw ProblemError.conflict(refusal);
  return changeFollowUp(manager, outbox, followUp, followUpStateAfter('report'), { at: new Date(), by: who.subject, note: maskPersonalData(input.note) });
}

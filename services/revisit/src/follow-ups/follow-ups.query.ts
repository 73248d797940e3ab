import { EntityManager } from 'typeorm';
import { Identity, ProblemError } from '@hotline/platform';
import { canSeeFollowUp, followUpUnitScope } from '@hotline/revisit-domain';
import { findFollowUp, historyOf, listFollowUps } from './follow-ups.repository';
import { ListFollowUps } from './follow-ups.schemas';
import { toFollowUpView } from './follow-ups.views';

/** Follow-ups soonest date first; unit staff get their own unit's only (RLS scopes the tenant). */
export async function listVisibleFollowUps(manager: EntityManager, who: Identity, query: ListFollowUps) {
  const unitCode = followUpUnitScope(who);
  if (unitCode === '') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const { items, total } = await listFollowUps(manager, { ...query, unitCode });
  return { items: items.map((f) => toFollowUpView(f)), total, limit: query.limit, offset: query.offset };
}

/** One follow-up with its history, if the caller may see it; otherwise a 404. */
export async function findVisibleFollowUp(manager: EntityManager, who: Identity, id: string) {
  const followUp = await findFollowUp(manager, id);
  if (!followUp || !canSeeFollowUp(who, followUp.unitCode)) throw ProblemError.notFound(`follow-up ${id}`);
  return toFollowUpView(followUp, await historyOf(manager, id));
}

import { EntityManager } from 'typeorm';
import { Outbox } from '@hotline/platform';
import { changeFollowUp } from './follow-up-changes';
import { openFollowUpOf } from './follow-ups.repository';

/**
 * Ends the request's open follow-up, if it has one, because the request was terminated
 * (诉求终结): nothing more is owed on the matter. FollowUpChanged `ended`, its timer cancelled.
 */
export async function endFollowUpOfTerminated(
  manager: EntityManager,
  outbox: Outbox,
  requestId: string,
  change: { at: Date; by: string; note: string },
): Promise<void> {
  const open = await openFollowUpOf(manager, requestId);
  if (open) await changeFollowUp(manager, outbox, open, 'ended', change);
}

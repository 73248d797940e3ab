import { EntityManager } from 'typeorm';
import { commonV1 } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { BriefSource, skipReasonFor } from '@hotline/revisit-domain';
import { findProgress } from '../revisits/revisits.repository';
import { anonymousFoundLate } from '../revisits/start-revisit';
import { caseRequestOf } from './case-file.mapping';
import { requesterOf, upsertBrief } from './case-file.repository';

/**
 * Files a request's brief from any of the events that carry it. A brief reaching revisit only
 * after the primary answer passed review can be the first word that the requester is anonymous:
 * the waiting revisit is then skipped, as it would have been at the decision (or, under a
 * hotline-check rule, becomes the hotline's own check). That archives the
 * request, so a handler files the rest of its event before the brief.
 */
export async function recordBrief(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  brief: commonV1.RequestBrief | undefined,
  source: BriefSource,
): Promise<void> {
  if (!brief?.requestId) return;
  await upsertBrief(manager, tenantId, caseRequestOf(brief), source);
  const reason = skipReasonFor(await requesterOf(manager, brief.requestId));
  if (!reason) return;
  const progress = await findProgress(manager, brief.requestId, true);
  if (progress) await anonymousFoundLate(manager, outbox, tenantId, progress, reason);
}

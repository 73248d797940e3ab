import { EntityManager } from 'typeorm';
import { DuplicatePolicy, rankCandidates } from '@hotline/intake-domain';
import { ProblemError } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { maskedFreeText, titleFrom } from '../requests/free-text';
import { findRequest } from '../requests/requests.repository';
import { terminatedMatches, terminatedMatchesOfRequest } from '../terminations/terminated-matches';
import { DuplicateProbe, externalRefsOf, findCandidateSignals } from './duplicates.repository';
import type { DuplicateProbeInput } from './duplicates.schemas';
import { toCandidateView } from './duplicates.views';
import { RequesterMatchKeys } from './requester-match-keys';

async function ranked(manager: EntityManager, probe: DuplicateProbe, policy: DuplicatePolicy) {
  const found = await findCandidateSignals(manager, probe, policy);
  return { items: rankCandidates(found, policy).map(toCandidateView) };
}

/**
 * Candidates for a contact being entered (any channel's earlier requests), best first, and the
 * terminated matters (诉求终结) it may repeat, however long ago: the agent may answer it as one.
 */
export async function candidatesForDraft(
  manager: EntityManager,
  keys: RequesterMatchKeys,
  policy: DuplicatePolicy,
  tenantId: string,
  draft: DuplicateProbeInput,
  now: Date = new Date(),
) {
  const requesterKey = keys.phoneKey(tenantId, draft.requester?.phone);
  // Masked as the stored texts are; without a title, the stored one is the content's beginning.
  const title = maskPersonalData(draft.title ?? titleFrom(draft.content));
  const content = maskPersonalData(draft.content);
  const candidates = await ranked(
    manager,
    {
      requesterKey,
      addressKey: keys.addressKey(tenantId, draft.requester?.address),
      areaCode: draft.areaCode,
      title,
      content,
      externalRefs: draft.externalRefs ?? [],
      at: now,
    },
    policy,
  );
  return { ...candidates, terminatedMatches: await terminatedMatches(manager, { requesterKey, categoryCode: draft.categoryCode ?? null, title, content }, policy) };
}

/** Candidates for a registered request (an online submission waiting for its scope decision …): earlier ones only. */
export async function candidatesForRequest(manager: EntityManager, policy: DuplicatePolicy, requestId: string) {
  const request = await findRequest(manager, requestId);
  if (!request) throw ProblemError.notFound('request');
  const { title, content } = maskedFreeText(request);
  const candidates = await ranked(
    manager,
    {
      requesterKey: request.requesterKey ?? null,
      addressKey: request.addressKey ?? null,
      areaCode: request.areaCode,
      title,
      content,
      externalRefs: await externalRefsOf(manager, requestId),
      excludeRequestId: requestId,
      at: request.receivedAt,
    },
    policy,
  );
  return { ...candidates, terminatedMatches: await terminatedMatchesOfRequest(manager, request, policy) };
}

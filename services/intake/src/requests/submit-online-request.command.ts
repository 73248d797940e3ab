import { EntityManager } from 'typeorm';
import { confidentialByDefault, Requester } from '@hotline/intake-domain';
import { ProblemError } from '@hotline/platform';
import { systemActor } from '@hotline/vocabulary';
import { findOnlineSubmissionChannel } from '../channels/channels.repository';
import { RequesterMatchKeys } from '../duplicates/requester-match-keys';
import { loadIntakePolicy } from '../intake-policy/intake-policy.repository';
import { enqueueOnlineSubmission } from '../online-queue/enqueue-online-submission';
import { classify, recordNewRequest, RegisteredRequest } from './new-request';
import type { Registrar } from './registrar';
import type { PublicCreateRequest } from './requests.schemas';

/** Recorded as created by the public; no token subject exists for a citizen online. */
export const PUBLIC_CREATOR = 'public';

/**
 * A citizen submits a request online, through the hotline's enabled channel of the online kind
 * (a hotline without one does not offer online submission). It is registered and waits in the
 * online queue for an agent's scope decision within the tenant's response limit (ADR 0034); the
 * category the citizen picked is kept as a hint. Without a requester it is anonymous; a named
 * one is 保密 when the tenant keeps the type confidential by default (举报).
 */
export async function submitOnlineRequest(
  manager: EntityManager,
  registrar: Registrar,
  tenantId: string,
  input: PublicCreateRequest,
  now: Date = new Date(),
  keys?: RequesterMatchKeys,
): Promise<RegisteredRequest> {
  const channel = await findOnlineSubmissionChannel(manager);
  if (!channel) throw new ProblemError(404, 'not_found', 'Not found', 'this hotline does not offer online submission');
  const classification = input.categoryCode === undefined ? undefined : await classify(manager, input.categoryCode);
  if (input.categoryCode !== undefined && !classification)
    throw ProblemError.validation([{ field: 'categoryCode', message: `unknown category "${input.categoryCode}"` }]);
  const policy = await loadIntakePolicy(manager);
  const requester: Requester = input.requester
    ? { anonymous: false, ...input.requester, confidential: confidentialByDefault(policy, input.requestType) }
    : { anonymous: true };
  const registered = await recordNewRequest(
    manager,
    registrar,
    tenantId,
    {
      channel: channel.code,
      requester,
      matchKeys: keys?.of(tenantId, requester),
      title: input.title,
      content: input.content,
      areaCode: input.areaCode,
      requestType: input.requestType,
      urgency: 'normal',
      classification,
      scope: undefined,
      enterpriseRelated: input.enterpriseRelated,
      createdBy: PUBLIC_CREATOR,
      actor: systemActor('intake'),
    },
    now,
  );
  await enqueueOnlineSubmission(manager, registrar.cipher, registered.request, registered.accessCode, policy);
  return registered;
}

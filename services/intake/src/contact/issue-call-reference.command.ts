import { EntityManager } from 'typeorm';
import { CALL_REFERENCE_TTL_MINUTES, contactRefusal, contactRefusalDetail } from '@hotline/intake-domain';
import { Identity, ProblemError, uuidv7 } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { callReferenceHash, newCallReference } from './call-reference';
import { insertCallReference } from './call-references.repository';
import { contactTargetOf } from './contact-target';
import { toCallReferenceView } from './contact.views';
import type { CallReferenceRequest } from './contact.schemas';

/**
 * Click-to-call: an opaque reference the caller's console hands to the tenant's telephony
 * system, which exchanges it once, within CALL_REFERENCE_TTL_MINUTES, for the number it dials
 * (resolve-call-reference.command.ts). The caller never sees the number, so no disclosure takes
 * place here and the daily cap does not count it; the issue itself is recorded (who, roles, unit,
 * request, purpose, when), and the resolution is audited as the disclosure it is. The same rule
 * as a reveal decides who may: never a unit for a confidential request.
 */
export async function issueCallReference(manager: EntityManager, who: Identity, id: string, input: CallReferenceRequest, now: Date) {
  const { request: r, target } = await contactTargetOf(manager, id);
  const refusal = contactRefusal(who, target);
  if (refusal === 'anonymous') throw new ProblemError(409, 'anonymous_requester', 'Nothing to call', 'an anonymous request has no phone to call');
  if (refusal) throw ProblemError.forbidden(contactRefusalDetail(refusal));
  const reference = newCallReference();
  const expiresAt = new Date(now.getTime() + CALL_REFERENCE_TTL_MINUTES * 60_000);
  await insertCallReference(manager, {
    id: uuidv7(),
    tenantId: who.tenantId,
    requestId: r.id,
    referenceHash: callReferenceHash(reference),
    purpose: input.purpose,
    note: input.note === undefined ? null : maskPersonalData(input.note),
    issuedBy: who.subject,
    issuerRoles: who.roles,
    issuerUnit: who.unit ?? null,
    issuedAt: now,
    expiresAt,
  });
  return toCallReferenceView(r, reference, expiresAt);
}

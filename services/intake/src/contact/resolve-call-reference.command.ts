import { EntityManager } from 'typeorm';
import { contactRefusal, contactRefusalDetail } from '@hotline/intake-domain';
import { Identity, PiiCipher, ProblemError } from '@hotline/platform';
import { recordPiiAccess } from '../pii-access/pii-access-log';
import { callReferenceHash } from './call-reference';
import { lockCallReference, markResolved } from './call-references.repository';
import { contactTargetOf } from './contact-target';
import type { ResolveCallReference } from './contact.schemas';
import { PHONE_FIELD } from './reveals.repository';

const gone = (code: string, detail: string) => new ProblemError(410, code, 'Call reference gone', detail);

/**
 * The telephony system exchanges a call reference for the number to dial: once (a second
 * exchange is 410), before it expires (410), and only while the one who asked for it could still
 * reach the requester (the rule is asked again with their roles and unit: a request answered or
 * closed meanwhile is 410). Another tenant's reference is not found (row-level security). The
 * disclosure is audited in the same transaction: the telephony's identity, on the issuer's
 * behalf and for their unit and purpose, `requester.phone`.
 */
export async function resolveCallReference(manager: EntityManager, cipher: PiiCipher, who: Identity, input: ResolveCallReference, now: Date) {
  const ref = await lockCallReference(manager, callReferenceHash(input.reference));
  if (!ref) throw ProblemError.notFound('call reference');
  if (ref.resolvedAt) throw gone('call_reference_used', 'this call reference was exchanged already; ask for a new one');
  if (ref.expiresAt <= now) throw gone('call_reference_expired', 'this call reference has expired; ask for a new one');
  const { request: r, target } = await contactTargetOf(manager, ref.requestId);
  const issuer = { roles: ref.issuerRoles, ...(ref.issuerUnit ? { unit: ref.issuerUnit } : {}) };
  const refusal = contactRefusal(issuer, target);
  if (refusal) throw gone('call_reference_void', `this call reference no longer holds: ${contactRefusalDetail(refusal)}`);
  await markResolved(manager, ref.id, now, who.subject);
  await recordPiiAccess(manager, who, {
    requestId: r.id,
    fields: [PHONE_FIELD],
    purpose: ref.purpose,
    ...(ref.note === null ? {} : { note: ref.note }),
    ...(ref.issuerUnit ? { unit: ref.issuerUnit } : {}),
    onBehalfOf: ref.issuedBy,
  });
  return {
    requestId: r.id,
    number: r.number,
    phone: cipher.decryptOptional(r.tenantId, r.requesterPhoneEnc) ?? '',
    purpose: ref.purpose,
    issuedBy: ref.issuedBy,
  };
}

import { EntityManager } from 'typeorm';
import { contactRefusal, contactRefusalDetail, contactViewRefusal, maskName, maskPhone, revealCapApplies, revealsLeft } from '@hotline/intake-domain';
import { Identity, PiiCipher, ProblemError } from '@hotline/platform';
import { loadContactPolicy } from './contact-policy.repository';
import { contactTargetOf } from './contact-target';
import { MaskedContact, toContactView } from './contact.views';
import { revealsToday } from './reveals.repository';

/**
 * The masked contact of a request's requester, and what the caller can do to reach them. Only
 * masked data leaves, so nothing is audited; the name and phone are decrypted in memory to be
 * masked, and not even that for a confidential or an anonymous request.
 */
export async function contactView(manager: EntityManager, cipher: PiiCipher, who: Identity, id: string) {
  const { request: r, target } = await contactTargetOf(manager, id);
  const viewRefusal = contactViewRefusal(who, target);
  if (viewRefusal) throw ProblemError.forbidden(contactRefusalDetail(viewRefusal));
  const masked: MaskedContact | null =
    r.anonymous || r.confidential
      ? null
      : { name: maskName(cipher.decryptOptional(r.tenantId, r.requesterNameEnc) ?? ''), phone: maskPhone(cipher.decryptOptional(r.tenantId, r.requesterPhoneEnc) ?? '') };
  const refusal = contactRefusal(who, target) ?? null;
  let remainingToday: number | null = null;
  let revealReason = refusal;
  if (!refusal && revealCapApplies(who)) {
    const policy = await loadContactPolicy(manager);
    const today = await revealsToday(manager, who.tenantId, who.subject);
    remainingToday = revealsLeft(policy, today.made);
    if (remainingToday === 0) revealReason = 'daily-limit';
  }
  return toContactView(r, masked, { possible: revealReason === null, reason: revealReason, remainingToday }, { possible: refusal === null, reason: refusal });
}

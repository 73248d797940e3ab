import { EntityManager } from 'typeorm';
import { contactRefusal, contactRefusalDetail, revealCapApplies, revealsLeft } from '@hotline/intake-domain';
import { Identity, PiiCipher, ProblemError } from '@hotline/platform';
import { recordPiiAccess } from '../pii-access/pii-access-log';
import { loadContactPolicy } from './contact-policy.repository';
import { contactTargetOf } from './contact-target';
import { toNothingToRevealView, toRevealView } from './contact.views';
import type { RevealContact } from './contact.schemas';
import { RevealLimitReached } from './reveal-limit';
import { lockRevealsOf, PHONE_FIELD, revealsToday } from './reveals.repository';

/**
 * The requester's phone in clear, and nothing else of the identity, for a stated purpose; the
 * disclosure is audited in the same transaction (who, roles, unit, `requester.phone`, why). The
 * staff of the request's primary unit may while it is with them, up to the tenant's daily cap;
 * never for a confidential (保密) request, which supervisors alone reach. An anonymous request
 * has nothing to reveal: it says so, and nothing is audited, as with the full read.
 */
export async function revealPhone(manager: EntityManager, cipher: PiiCipher, who: Identity, id: string, input: RevealContact) {
  const { request: r, target } = await contactTargetOf(manager, id);
  const refusal = contactRefusal(who, target);
  if (refusal === 'anonymous') return toNothingToRevealView(r);
  if (refusal) throw ProblemError.forbidden(contactRefusalDetail(refusal));
  let remainingToday: number | null = null;
  if (revealCapApplies(who)) {
    await lockRevealsOf(manager, who.tenantId, who.subject);
    const policy = await loadContactPolicy(manager);
    const today = await revealsToday(manager, who.tenantId, who.subject);
    if (revealsLeft(policy, today.made) === 0) throw new RevealLimitReached(policy.dailyRevealsPerUser, today.resetsAt);
    remainingToday = revealsLeft(policy, today.made + 1);
  }
  const phone = cipher.decryptOptional(r.tenantId, r.requesterPhoneEnc) ?? '';
  await recordPiiAccess(manager, who, { requestId: r.id, fields: [PHONE_FIELD], purpose: input.purpose, ...(input.note === undefined ? {} : { note: input.note }) });
  return toRevealView(r, phone, remainingToday);
}

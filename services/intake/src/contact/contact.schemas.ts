import { z } from 'zod';
import { REQUESTER_CONTACT_PURPOSES } from '@hotline/vocabulary';
import { CALL_REFERENCE_PATTERN } from './call-reference';

const purpose = z.enum(REQUESTER_CONTACT_PURPOSES, {
  errorMap: () => ({ message: `must state why, one of: ${REQUESTER_CONTACT_PURPOSES.join(', ')}` }),
});
// Kept masked in the log, as the clear reads' notes are.
const note = z.string().trim().min(1).max(200).optional();

/** POST /v1/requests/{id}/contact/reveal: why the phone is needed, and optionally a short note. */
export const RevealContactBody = z.object({ purpose, note }).strict();
export type RevealContact = z.infer<typeof RevealContactBody>;

/** POST /v1/requests/{id}/contact/call-reference: the same statement, for a call through the platform. */
export const CallReferenceBody = z.object({ purpose, note }).strict();
export type CallReferenceRequest = z.infer<typeof CallReferenceBody>;

/** POST /v1/call-references/resolution: the reference the unit's console handed to the telephony. */
export const ResolveCallReferenceBody = z
  .object({ reference: z.string().regex(CALL_REFERENCE_PATTERN, 'a call reference as issued: 22 characters of base64url') })
  .strict();
export type ResolveCallReference = z.infer<typeof ResolveCallReferenceBody>;

/** PUT /v1/contact-policy: reveals per unit user and local day; 0 leaves units the call through the platform only. */
export const PutContactPolicyBody = z.object({ dailyRevealsPerUser: z.number().int().min(0).max(1000) }).strict();
export type PutContactPolicy = z.infer<typeof PutContactPolicyBody>;

import type { ContactUnavailableReason } from '@hotline/vocabulary';
import type { RequestEntity } from '../requests/request.entity';

export interface ContactAction {
  possible: boolean;
  /** Why not, when not (CONTACT_UNAVAILABLE_REASONS). */
  reason: ContactUnavailableReason | null;
}

export interface MaskedContact {
  name: string;
  phone: string;
}

/**
 * The requester as the unit sees them: the masked name and phone (null for a confidential or an
 * anonymous request), and whether the phone can be revealed or called through the platform, or
 * why not. Never the id number or the address: a unit calls, it does not need them.
 */
export function toContactView(r: RequestEntity, masked: MaskedContact | null, reveal: ContactAction & { remainingToday: number | null }, call: ContactAction) {
  return {
    requestId: r.id,
    number: r.number,
    anonymous: r.anonymous,
    confidential: r.confidential && !r.anonymous,
    name: masked?.name ?? null,
    phone: masked?.phone ?? null,
    reveal,
    call,
  };
}

/** A revealed phone: the phone alone, and the reveals the caller has left today (null: not capped). */
export function toRevealView(r: RequestEntity, phone: string, remainingToday: number | null) {
  return { requestId: r.id, number: r.number, anonymous: false as const, phone, remainingToday };
}

/** An anonymous request's answer to a reveal: nothing to reveal, nothing audited. */
export function toNothingToRevealView(r: RequestEntity) {
  return { requestId: r.id, number: r.number, anonymous: true as const, phone: null, remainingToday: null };
}

/** An issued call reference, to hand to the telephony system (never stored in clear). */
export function toCallReferenceView(r: RequestEntity, reference: string, expiresAt: Date) {
  return { requestId: r.id, number: r.number, reference, expiresAt: expiresAt.toISOString() };
}

// How a handling unit reaches the requester without seeing more than it needs (issue 12,
// ADR 0030; domain.md §14): a masked view for everyone who works on the request, the phone alone
// in clear for a stated purpose (audited, capped per user and day), or a call through the
// platform's telephony, where the unit never sees the number at all.
import { ContactUnavailableReason, HOTLINE_WIDE_ROLES, RequestStatus, Role, UNIT_ROLES } from '@hotline/vocabulary';

/** Who sees the masked contact: the hotline's staff, and the primary unit's (contactViewRefusal). */
export const CONTACT_VIEWERS: readonly Role[] = ['agent', ...HOTLINE_WIDE_ROLES, ...UNIT_ROLES];

/**
 * Who may reach the requester through the contact endpoints (contactRefusal decides per request):
 * the primary unit's staff, agents (a callback reaches whoever is on duty) and supervisors.
 * Agents and supervisors keep their full read of the identity besides (clear-reads.ts).
 */
export const CONTACT_REACHERS: readonly Role[] = ['agent', 'supervisor', ...UNIT_ROLES];

/**
 * The statuses in which a request is with its primary unit: dispatched to it (it may call to
 * decide whether to sign or return) and in handling. Once answered the unit's part is done
 * (review, revisit and closure are the hotline's, Bengbu's revisits included [S33]); a failed
 * review or a redo brings it back to in-progress, and the unit with it.
 */
export const UNIT_CONTACT_STATUSES: readonly RequestStatus[] = ['dispatched', 'in-progress'];

export interface ContactReacher {
  roles: readonly Role[];
  /** The unit code of unit staff (the token's `unit` claim). */
  unit?: string;
}

export interface ContactTarget {
  anonymous: boolean;
  confidential: boolean;
  status: RequestStatus;
  /**
   * The code of the request's primary unit (the one its staff's tokens carry), once dispatched
   * and once intake has learnt it from the dispatch; null otherwise.
   */
  primaryUnitCode: string | null;
}

const isHotline = (reader: ContactReacher) => reader.roles.some((r) => r === 'agent' || HOTLINE_WIDE_ROLES.includes(r));
const isUnitStaffOnly = (reader: ContactReacher) => !isHotline(reader) && reader.roles.some((r) => UNIT_ROLES.includes(r));
const ownsRequest = (reader: ContactReacher, target: ContactTarget) =>
  reader.unit !== undefined && reader.unit !== '' && target.primaryUnitCode !== null && reader.unit === target.primaryUnitCode;

/**
 * Why this reader may not even see the masked contact: unit staff of a unit that is not the
 * request's primary (协办 units included: the lead unit contacts the requester). Undefined
 * when they may.
 */
export function contactViewRefusal(reader: ContactReacher, target: ContactTarget): ContactUnavailableReason | undefined {
  if (isUnitStaffOnly(reader) && !ownsRequest(reader, target)) return 'other-unit';
  return undefined;
}

/**
 * Why this reader may not reach the requester (reveal the phone or have the platform call it),
 * undefined when they may. In this order, so that another unit learns nothing of the request
 * (not even that it is anonymous):
 * 1. another unit's request; 2. a role that contacts nobody (dispatchers, reviewers,
 * administrators); 3. nobody to reach (anonymous); 4. 保密: supervisors only, never a unit;
 * 5. for unit staff, a request no longer with them (UNIT_CONTACT_STATUSES). Agents and
 * supervisors reach a requester in any status: callbacks and supervision go on after the answer.
 */
export function contactRefusal(reader: ContactReacher, target: ContactTarget): ContactUnavailableReason | undefined {
  const viewRefusal = contactViewRefusal(reader, target);
  if (viewRefusal) return viewRefusal;
  if (!reader.roles.some((r) => CONTACT_REACHERS.includes(r))) return 'role';
  if (target.anonymous) return 'anonymous';
  if (target.confidential && !reader.roles.includes('supervisor')) return 'confidential';
  if (isUnitStaffOnly(reader) && !UNIT_CONTACT_STATUSES.includes(target.status)) return 'not-with-unit';
  return undefined;
}

/** The sentence a 403 gives for a refusal (the problem's detail; the view gives the code). */
export function contactRefusalDetail(reason: ContactUnavailableReason): string {
  switch (reason) {
    case 'other-unit':
      return "the requester's contact is for the staff of the request's primary unit";
    case 'role':
      return 'the requester is reached by agents, supervisors and the staff of the primary unit';
    case 'anonymous':
      return 'an anonymous request has no contact to reveal';
    case 'confidential':
      return 'the requester of a confidential request is reached by supervisors only';
    case 'not-with-unit':
      return 'the request is no longer with your unit (its answer is given, or it is closed)';
    case 'daily-limit':
      return "today's reveals of requester phones are used up";
  }
}

/** A tenant's limits on reveals. */
export interface ContactPolicy {
  /** Phone reveals a unit user may make per local day; 0: units only call through the platform. */
  dailyRevealsPerUser: number;
}

/**
 * 50 a day per user [I]: a unit operator handles a few dozen orders a day and calls each
 * requester once or twice, by click-to-call first; far more than that is harvesting. No
 * national or city rule names a number; a city sets its own (PUT /v1/contact-policy).
 */
export const DEFAULT_CONTACT_POLICY: ContactPolicy = { dailyRevealsPerUser: 50 };

/** How long a call reference may be exchanged for the number: the time to place the call. */
export const CALL_REFERENCE_TTL_MINUTES = 10;

/**
 * Whether the daily cap applies to this reader: to unit staff, whose harvest of numbers it
 * prevents. Agents and supervisors read the whole identity anyway (audited, uncapped: a revisit
 * agent calls hundreds a day).
 */
export function revealCapApplies(reader: ContactReacher): boolean {
  return isUnitStaffOnly(reader);
}

/** Reveals left today, given how many the reader made since the local day began. */
export function revealsLeft(policy: ContactPolicy, madeToday: number): number {
  return Math.max(0, policy.dailyRevealsPerUser - madeToday);
}

// Who reads a request's personal data in clear (issue 10). Everyone else sees it masked: staff
// views, events, the public lookup. Each clear read states its purpose and is audited.
import { Role, UNIT_ROLES } from '@hotline/vocabulary';

/** What is read in clear: the requester's identity, or the request's free text (title, content, detail at intake). */
export type ClearReadSubject = 'requester' | 'free-text';

/** The roles that may ask for each (the routes' guards); clearReadRefusal decides per request. */
export const CLEAR_READERS: Record<ClearReadSubject, readonly Role[]> = {
  requester: ['agent', 'supervisor'],
  'free-text': ['agent', 'supervisor', ...UNIT_ROLES],
};

export interface ClearReader {
  roles: readonly Role[];
  /** The handling unit of unit staff (the token's `unit` claim). */
  unit?: string;
}

export interface ClearReadTarget {
  anonymous: boolean;
  confidential: boolean;
  /**
   * The code of the unit the request is dispatched to as 主办, once dispatched: staff tokens
   * carry their unit's code (the `unit` claim), as dispatch's directory and handling know it.
   */
  primaryUnitCode: string | null;
}

/**
 * Why this reader may not read this request's personal data in clear; undefined when they may.
 * - Agents (any of the hotline's: a requester's follow-up call or callback reaches whoever is on
 *   duty, not the agent who took the first call) and supervisors (督办, complaints about the
 *   handling): both, for any request.
 * - The staff of the request's primary unit: its free text only, because acting on it may need
 *   what the citizen wrote (the phone of the shop complained about, the card number of a
 *   refund); never the requester's identity, which reaches the unit masked (domain.md §14: the
 *   unit calls back through the platform).
 * - A confidential (保密) request: supervisors only, whichever part, since its free text often
 *   names the requester too.
 */
export function clearReadRefusal(subject: ClearReadSubject, reader: ClearReader, target: ClearReadTarget): string | undefined {
  const has = (role: Role) => reader.roles.includes(role);
  if (target.confidential && !target.anonymous && !has('supervisor'))
    return subject === 'requester'
      ? 'the requester of a confidential request is visible to supervisors only'
      : 'the text of a confidential request is visible in clear to supervisors only';
  if (has('agent') || has('supervisor')) return undefined;
  if (subject === 'free-text' && UNIT_ROLES.some(has) && reader.unit !== undefined && reader.unit === target.primaryUnitCode) return undefined;
  return subject === 'requester'
    ? 'the requester in clear is for agents and supervisors'
    : "the text in clear is for agents, supervisors and the staff of the request's primary unit";
}

// Duplicate detection and 并单 (domain.md §3.2: REGISTERED ──duplicate of open order──▶ MERGED,
// pointing to its master; 66号文 (五): repeat requests merged in principle, shared with 信访 and
// 互联网+督查 so one matter is not handled twice). Pure: the service keys, queries and stores.
import { DuplicateMatchReason, isClosedStatus, RequestStatus, TerminationReason } from '@hotline/vocabulary';
import type { StatusChange } from './request-progress';

/**
 * A phone number in the one form two contacts of the same person share: digits only, without
 * the country code (+86 / 0086 / 86 before an 11-digit mobile). "+86 138-1234-5678" and
 * "13812345678" are the same requester; a landline keeps its area code.
 */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  const mobile = /^(?:0086|86)(1[0-9]{10})$/.exec(digits);
  return mobile?.[1] ?? digits;
}

/** An address as typed by different agents: no spaces or punctuation, full-width digits and letters folded, lower case. */
export function normaliseAddress(address: string): string {
  return address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** How far back a tenant looks for candidates and which text similarity already makes one. */
export interface DuplicatePolicy {
  /** Days before the new contact (received_at) a candidate may have been received. */
  windowDays: number;
  /** Character-trigram similarity (0…1) above which the text alone makes a candidate. */
  minTextSimilarity: number;
  /** How many candidates the agent is shown. */
  limit: number;
}

/**
 * Defaults: 30 days covers a handling period of the longest national limit (domain.md §6: 15
 * working days, plus extension) so a repeat while the first is open is found; 0.3 is pg_trgm's
 * own default threshold for `%`; 10 fits one screen of the agent's entry form.
 */
export const DEFAULT_DUPLICATE_POLICY: DuplicatePolicy = { windowDays: 30, minTextSimilarity: 0.3, limit: 10 };

/** What the store found about one earlier request. */
export interface CandidateSignals {
  sameRequester: boolean;
  sameAddress: boolean;
  sameArea: boolean;
  sameExternalReference: boolean;
  /** Character-trigram similarity of title and content, 0…1. */
  textSimilarity: number;
}

export interface RankedSignals<T> {
  candidate: T;
  score: number;
  reasons: DuplicateMatchReason[];
}

// A repeat is a person or case seen again about the same matter: identity and case references
// weigh most, the text says whether it is the same matter, the area alone only breaks ties.
const WEIGHTS = { sameRequester: 0.35, sameExternalReference: 0.35, sameAddress: 0.15, sameArea: 0.05 };

/** Every reason that holds, in the vocabulary's order. */
export function matchReasons(s: CandidateSignals, policy: DuplicatePolicy): DuplicateMatchReason[] {
  const reasons: DuplicateMatchReason[] = [];
  if (s.sameRequester) reasons.push('same-requester');
  if (s.sameAddress) reasons.push('same-address');
  if (s.sameArea) reasons.push('same-area');
  if (s.textSimilarity >= policy.minTextSimilarity) reasons.push('similar-text');
  if (s.sameExternalReference) reasons.push('same-external-reference');
  return reasons;
}

/** 0…1: the text similarity, raised by identity, case and place. */
export function duplicateScore(s: CandidateSignals): number {
  const bonus =
    (s.sameRequester ? WEIGHTS.sameRequester : 0) +
    (s.sameExternalReference ? WEIGHTS.sameExternalReference : 0) +
    (s.sameAddress ? WEIGHTS.sameAddress : 0) +
    (s.sameArea ? WEIGHTS.sameArea : 0);
  return Math.min(1, Math.round((s.textSimilarity * 0.6 + bonus) * 1000) / 1000);
}

/**
 * The candidates an agent is shown, best first: an earlier request is one when the same person
 * or case is seen again, at the same address, or its text alone is similar enough; the same
 * area alone is not (a district has thousands of requests a month).
 */
export function rankCandidates<T>(
  found: ReadonlyArray<{ candidate: T; signals: CandidateSignals }>,
  policy: DuplicatePolicy = DEFAULT_DUPLICATE_POLICY,
): Array<RankedSignals<T>> {
  return found
    .map(({ candidate, signals }) => ({ candidate, score: duplicateScore(signals), reasons: matchReasons(signals, policy) }))
    .filter((r) => r.reasons.some((reason) => reason !== 'same-area'))
    .sort((a, b) => b.score - a.score)
    .slice(0, policy.limit);
}

/** Why a request cannot be the master of a new one, or undefined when it can: it must still be open (并单 into an open order). */
export function masterRefusal(master: { status: RequestStatus; mergedInto: string | null; awaitingScope?: boolean }): string | undefined {
  if (master.mergedInto) return 'is itself merged into another request: merge into that one';
  // An online submission in the online queue may still be refused: decide it first.
  if (master.awaitingScope) return 'waits for its scope decision in the online queue: decide it first';
  if (isClosedStatus(master.status)) return `is ${master.status}: only an open request can take a repeat`;
  return undefined;
}

/** The status changes of a repeat merged at registration: registered, then merged (it is never dispatched). */
export function mergeChanges(): StatusChange[] {
  return [
    { from: '', to: 'registered', reason: 'registered' },
    { from: 'registered', to: 'merged', reason: 'merged' },
  ];
}

/** What an earlier request that was terminated (诉求终结) tells the agent answering its repeat. */
export interface TerminationMark {
  terminationId: string;
  reasonCode: TerminationReason;
  /** What the requester was told: the legal route (法定途径). */
  legalRoute: string;
  terminatedAt: Date;
}

/**
 * The termination a candidate is marked with: a request ended by an approved termination, still
 * terminated or archived since (archiving keeps what ended it). None for any other request.
 */
export function terminationMarkOf(status: RequestStatus, approved: TerminationMark | null): TerminationMark | null {
  if (!approved) return null;
  return status === 'terminated' || status === 'archived' ? approved : null;
}

/** What the store found about one terminated request against a new contact. */
export interface TerminatedMatchSignals {
  sameRequester: boolean;
  sameCategory: boolean;
  /** Character-trigram similarity of title and content, 0…1. */
  textSimilarity: number;
}

/**
 * Why a terminated request is the matter a new contact repeats, empty when it is not: the same
 * requester (keyed hash of the phone), or similar text in the same category (another person on
 * the same matter, or the same person from another phone). No window: a termination stands until
 * the requester brings new facts, however long after; the agent judges whether they did.
 */
export function terminatedMatchReasons(s: TerminatedMatchSignals, policy: Pick<DuplicatePolicy, 'minTextSimilarity'>): DuplicateMatchReason[] {
  const reasons: DuplicateMatchReason[] = [];
  if (s.sameRequester) reasons.push('same-requester');
  if (s.sameCategory && s.textSimilarity >= policy.minTextSimilarity) reasons.push('similar-text');
  return reasons;
}

/** How many terminated matters a contact is shown against, best first. */
export const TERMINATED_MATCH_LIMIT = 5;

/** The terminated matters of a contact, best first: the same requester first, then by text similarity. */
export function rankTerminatedMatches<T>(
  found: ReadonlyArray<{ candidate: T; signals: TerminatedMatchSignals }>,
  policy: Pick<DuplicatePolicy, 'minTextSimilarity'>,
): Array<{ candidate: T; reasons: DuplicateMatchReason[]; textSimilarity: number }> {
  return found
    .map(({ candidate, signals }) => ({ candidate, reasons: terminatedMatchReasons(signals, policy), textSimilarity: signals.textSimilarity, same: signals.sameRequester }))
    .filter((m) => m.reasons.length > 0)
    .sort((a, b) => Number(b.same) - Number(a.same) || b.textSimilarity - a.textSimilarity)
    .slice(0, TERMINATED_MATCH_LIMIT)
    .map(({ candidate, reasons, textSimilarity }) => ({ candidate, reasons, textSimilarity: Math.round(textSimilarity * 1000) / 1000 }));
}

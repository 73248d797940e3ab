// 诉求终结 (domain.md §11.3): a request ended without being solved, for one of the reasons of the
// vocabulary (Linyi's 不合理工单, repeats with no new facts, malicious use), with its evidence,
// approved by a second person of the hotline (two-person rule) and told to the requester with the
// legal route. Pure rules; intake's termination commands apply them.
import { isClosedStatus, RequestStatus, Role, TerminationReason, TerminationState } from '@hotline/vocabulary';
import type { StatusChange } from './request-progress';

/** Hotline staff propose a termination at any stage; a handling unit's staff never do (the unit returns, 退单). */
export const TERMINATION_PROPOSERS: readonly Role[] = ['agent', 'dispatcher', 'reviewer', 'supervisor', 'tenant-admin'];

/** The hotline body that approves or refuses one: supervisors and the tenant's administrators. */
export const TERMINATION_DECIDERS: readonly Role[] = ['supervisor', 'tenant-admin'];

/** How many earlier requests a proposal may cite as evidence. */
export const MAX_EVIDENCE_REQUESTS = 20;

export interface TerminationEvidence {
  reasonCode: TerminationReason;
  evidenceRequestNumbers?: readonly string[];
  hearingRecord?: string;
}

export interface TerminationIssue {
  field: 'evidenceRequestNumbers' | 'hearingRecord';
  message: string;
}

/**
 * The evidence a reason cannot go without: a repeat with no new facts cites the earlier requests
 * it repeats (Shantou 2022: already handled by law, same fact and reason); a hearing's finding
 * needs the hearing's record (Linyi (7)).
 */
export function evidenceIssues(e: TerminationEvidence): TerminationIssue[] {
  const issues: TerminationIssue[] = [];
  if (e.reasonCode === 'repeated-no-new-facts' && (e.evidenceRequestNumbers ?? []).length === 0)
    issues.push({ field: 'evidenceRequestNumbers', message: 'a repeat with no new facts cites at least one earlier request of the same matter' });
  if (e.reasonCode === 'hearing-found-unreasonable' && !e.hearingRecord?.trim())
    issues.push({ field: 'hearingRecord', message: 'a finding after a hearing (听证) needs the hearing record' });
  return issues;
}

/** Why a request in this status cannot be proposed for termination (a 409 detail), or undefined when it can. */
export function proposalRefusal(status: RequestStatus): string | undefined {
  if (isClosedStatus(status)) return `the request is ${status}: only an open request is terminated`;
  return undefined;
}

/** What a decision on a termination is: approve or refuse (the second person), or withdraw (the proposer). */
export type TerminationAction = 'approve' | 'refuse' | 'withdraw';

export type DecisionRefusal =
  | { kind: 'two-person-rule'; detail: string }
  | { kind: 'not-proposer'; detail: string }
  | { kind: 'not-open'; detail: string };

/**
 * Why `subject` may not take `action` on a termination, or undefined when they may. Only an open
 * proposal is decided; whoever proposed it never approves or refuses it (two-person rule, the
 * design of domain.md §11.3), and only they withdraw it.
 */
export function decisionRefusal(
  termination: { state: TerminationState; proposedBy: string },
  subject: string,
  action: TerminationAction,
): DecisionRefusal | undefined {
  if (termination.state !== 'proposed') return { kind: 'not-open', detail: `this termination was already ${termination.state}` };
  if (action === 'withdraw')
    return termination.proposedBy === subject ? undefined : { kind: 'not-proposer', detail: 'only the proposer withdraws a termination proposal' };
  if (termination.proposedBy === subject)
    return {
      kind: 'two-person-rule',
      detail: 'two-person rule (双人审批): a termination is approved or refused by someone other than its proposer',
    };
  return undefined;
}

/** The state a decision leaves a termination in. */
export function stateAfter(action: TerminationAction): TerminationState {
  return action === 'approve' ? 'approved' : action === 'refuse' ? 'refused' : 'withdrawn';
}

/** The status change an approved termination makes: from wherever the request is, to terminated. */
export function terminationChange(from: RequestStatus): StatusChange {
  return { from, to: 'terminated', reason: 'terminated' };
}

/** Why an evidence request cannot be cited, or undefined when it can: an earlier request of the tenant, not the request itself. */
export function evidenceRefusal(terminated: { id: string; receivedAt: Date }, cited: { id: string; receivedAt: Date } | undefined): string | undefined {
  if (!cited) return 'no such request in this hotline';
  if (cited.id === terminated.id) return 'the request itself is not evidence of its repeat';
  if (cited.receivedAt.getTime() > terminated.receivedAt.getTime()) return 'not an earlier request: it was received after this one';
  return undefined;
}

/** Why a request cannot be answered as a terminated matter, or undefined when it can: it must carry an approved termination. */
export function terminatedMatterRefusal(target: { number: string; terminated: boolean } | undefined): string | undefined {
  if (!target) return 'no such request in this hotline';
  if (!target.terminated) return `request ${target.number} has no approved termination`;
  return undefined;
}

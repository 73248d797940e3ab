// Scope decision at intake (docs/lifecycle.md; domain.md §4.2, 66号文 (二)). The decisions
// themselves are the vocabulary's SCOPE_DECISIONS.
import { OUT_OF_SCOPE_DECISIONS, ScopeDecision } from '@hotline/vocabulary';

/** The out-of-scope outcomes: recorded (全量接收) with their reason, never dispatched. */
export function isOutOfScope(decision: ScopeDecision): boolean {
  return OUT_OF_SCOPE_DECISIONS.includes(decision);
}

/** Only in-scope requests go on to dispatch. */
export function isDispatched(decision: ScopeDecision): boolean {
  return decision === 'in-scope';
}

export function requiresAnswer(decision: ScopeDecision): boolean {
  return decision === 'direct-answer';
}

/**
 * A repeat of a terminated matter (诉求终结) names the terminated request; its answer is that
 * termination's legal route, which intake takes from the termination, not from the agent.
 */
export function requiresTerminatedRequest(decision: ScopeDecision): boolean {
  return decision === 'terminated-matter';
}

export function requiresReason(decision: ScopeDecision): boolean {
  return isOutOfScope(decision) && !requiresTerminatedRequest(decision);
}

export interface ScopeInput {
  decision: ScopeDecision;
  answer?: string;
  reason?: string;
  /** terminated-matter: the request whose approved termination the contact repeats. */
  terminatedRequestId?: string;
}

export type ScopeField = 'answer' | 'reason' | 'terminatedRequestId';

/** The missing fields of a scope decision (by field name), empty when complete. */
export function missingScopeFields(scope: ScopeInput): ScopeField[] {
  const missing: ScopeField[] = [];
  if (requiresAnswer(scope.decision) && !scope.answer?.trim()) missing.push('answer');
  if (requiresReason(scope.decision) && !scope.reason?.trim()) missing.push('reason');
  if (requiresTerminatedRequest(scope.decision) && !scope.terminatedRequestId) missing.push('terminatedRequestId');
  return missing;
}

/**
 * The fields a decision does not take: a terminated request only with terminated-matter, and no
 * reason with it (the termination's legal route is the answer, so two answers cannot disagree).
 */
export function unexpectedScopeFields(scope: ScopeInput): ScopeField[] {
  const unexpected: ScopeField[] = [];
  if (requiresTerminatedRequest(scope.decision)) {
    if (scope.reason !== undefined) unexpected.push('reason');
  } else if (scope.terminatedRequestId !== undefined) unexpected.push('terminatedRequestId');
  return unexpected;
}

/** What RequestClosedAtIntake carries as detail: the answer, or the reason (for terminated-matter, the legal route intake put there). */
export function closingDetail(scope: ScopeInput): string {
  return (requiresAnswer(scope.decision) ? scope.answer : scope.reason)?.trim() ?? '';
}

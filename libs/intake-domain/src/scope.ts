// Scope decision at intake (docs/lifecycle.md; domain.md §4.2, 66号文 (二)). The decisions
// themselves are the vocabulary's SCOPE_DECISIONS.
import { OUT_OF_SCOPE_DECISIONS, ScopeDecision } from '@hotline/vocabulary';

/** The four out-of-scope outcomes: recorded (全量接收) with their reason, never dispatched. */
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

export function requiresReason(decision: ScopeDecision): boolean {
  return isOutOfScope(decision);
}

export interface ScopeInput {
  decision: ScopeDecision;
  answer?: string;
  reason?: string;
}

/** The missing fields of a scope decision (by field name), empty when complete. */
export function missingScopeFields(scope: ScopeInput): Array<'answer' | 'reason'> {
  const missing: Array<'answer' | 'reason'> = [];
  if (requiresAnswer(scope.decision) && !scope.answer?.trim()) missing.push('answer');
  if (requiresReason(scope.decision) && !scope.reason?.trim()) missing.push('reason');
  return missing;
}

/** What RequestClosedAtIntake carries as detail: the answer, or the reason. */
export function closingDetail(scope: ScopeInput): string {
  return (requiresAnswer(scope.decision) ? scope.answer : scope.reason)?.trim() ?? '';
}

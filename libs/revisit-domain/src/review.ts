import { REVISIT_PROGRESS_STATUSES } from '@hotline/vocabulary';
import type { AssignmentRole, ReviewStatus, RevisitProgressStatus } from '@hotline/vocabulary';

/** Where a request stands in revisit, between its primary answer and its closure (the vocabulary's list). */
export const PROGRESS_STATUSES = REVISIT_PROGRESS_STATUSES;
export type ProgressStatus = RevisitProgressStatus;

export const MAX_REASONS = 10;
export const MAX_REASON_LENGTH = 200;

/** Passed, failed, withdrawn or an assisting unit's input: nothing more can be decided about the answer. */
export function isDecided(status: ReviewStatus): boolean {
  return status !== 'pending';
}

/** Why a review cannot be decided (a 409), or undefined when it can. */
export function decisionRefusal(reviewId: string, status: ReviewStatus): string | undefined {
  if (status === 'assist-input') return `review ${reviewId} is an assisting unit's input: it is reviewed with the lead's answer it went into`;
  if (status === 'withdrawn') return `review ${reviewId} was withdrawn: its request closed before the answer was reviewed`;
  if (isDecided(status)) return `review ${reviewId} was already decided (${status})`;
  return undefined;
}

export function decidedStatus(passed: boolean): Extract<ReviewStatus, 'passed' | 'failed'> {
  return passed ? 'passed' : 'failed';
}

/**
 * Where a request goes after a decision. Only the primary order's passing answer gates the
 * revisit (lifecycle.md, co-handling); a failed answer waits for its rework, so nothing moves.
 */
export function progressAfterDecision(role: AssignmentRole, passed: boolean): ProgressStatus | undefined {
  return role === 'primary' && passed ? 'awaiting-revisit' : undefined;
}

/**
 * The status a newly received answer is kept under: an assisting unit's answer is its input to the
 * lead's answer, reviewed with it (ADR 0026); a lead answer that arrives after its request closed
 * has nobody to review it.
 */
export function statusOfNewAnswer(
  role: AssignmentRole,
  progress: ProgressStatus | undefined,
): Extract<ReviewStatus, 'pending' | 'withdrawn' | 'assist-input'> {
  if (role === 'assisting') return 'assist-input';
  return progress === 'closed' ? 'withdrawn' : 'pending';
}

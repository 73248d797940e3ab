import { ArchivedReview } from './archive-record';

export const ASSIGNMENT_ROLES = ['primary', 'assisting'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const REVIEW_STATUSES = ['pending', 'passed', 'failed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const PROGRESS_STATUSES = ['awaiting-review', 'awaiting-revisit', 'closed'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const MAX_REASONS = 10;
export const MAX_REASON_LENGTH = 200;

/** The part of a stored review the lifecycle rules look at. */
export interface ReviewFacts {
  workOrderId: string;
  role: AssignmentRole;
  reworkCount: number;
  status: ReviewStatus;
  reasons: string[];
  answer: string;
}

export function isDecided(status: ReviewStatus): boolean {
  return status !== 'pending';
}

/**
 * Where a request goes after a decision. Only the primary order's passing answer gates the
 * revisit (lifecycle.md, co-handling); a failed answer waits for its rework, so nothing moves.
 */
export function progressAfterDecision(role: AssignmentRole, passed: boolean): ProgressStatus | undefined {
  return role === 'primary' && passed ? 'awaiting-revisit' : undefined;
}

/** A revisit may be recorded only once the primary answer passed review and before closure. */
export function canRecordRevisit(status: ProgressStatus): boolean {
  return status === 'awaiting-revisit';
}

const byRework = (a: ReviewFacts, b: ReviewFacts) => a.reworkCount - b.reworkCount;

/** The primary order's answer that passed review last: the one the request closes on. */
export function finalPrimaryAnswer(reviews: ReviewFacts[], primaryWorkOrderId: string): string | undefined {
  const passed = reviews
    .filter((r) => r.workOrderId === primaryWorkOrderId && r.status === 'passed')
    .sort(byRework);
  return passed.at(-1)?.answer;
}

/** The decided reviews of a request for its archive record, by work order then rework round. */
export function archivedReviews(reviews: ReviewFacts[]): ArchivedReview[] {
  return reviews
    .filter((r) => isDecided(r.status))
    .sort((a, b) => (a.workOrderId === b.workOrderId ? byRework(a, b) : a.workOrderId < b.workOrderId ? -1 : 1))
    .map((r) => ({ workOrderId: r.workOrderId, passed: r.status === 'passed', reasons: [...r.reasons] }));
}

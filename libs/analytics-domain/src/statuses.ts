import { REQUEST_STATUSES, RequestStatus, TERMINATION_REASONS, TerminationReason } from '@hotline/vocabulary';

/**
 * Whether a status change from intake is newer than the one applied. intake numbers each
 * request's changes 1, 2, 3…; changes of one request may be redelivered or arrive out of order,
 * and only a higher number moves the stored status (0: none applied yet).
 */
export function isNewerStatusChange(appliedSequence: number, sequence: number): boolean {
  return sequence > appliedSequence;
}

export interface StatusCount {
  status: RequestStatus;
  count: number;
}

/** Counts by status in lifecycle order, every status listed (zeros included); unknown codes are left out. */
export function statusCounts(rows: ReadonlyArray<{ status: string; count: number }>): StatusCount[] {
  const byStatus = new Map<string, number>();
  for (const r of rows) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.count);
  return REQUEST_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
}

export interface TerminationReasonCount {
  reasonCode: TerminationReason;
  count: number;
}

/**
 * Terminated requests (诉求终结) by reason, every reason of the vocabulary listed in its order
 * (zeros included); a code the vocabulary does not know is left out.
 */
export function terminationReasonCounts(rows: ReadonlyArray<{ reasonCode: string | null; count: number }>): TerminationReasonCount[] {
  const byReason = new Map<string, number>();
  for (const r of rows) if (r.reasonCode) byReason.set(r.reasonCode, (byReason.get(r.reasonCode) ?? 0) + r.count);
  return TERMINATION_REASONS.map((reasonCode) => ({ reasonCode, count: byReason.get(reasonCode) ?? 0 }));
}

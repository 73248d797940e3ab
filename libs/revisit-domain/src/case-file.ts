import type { AssignmentRole, ReviewStatus } from '@hotline/vocabulary';

// The case file (案卷): what revisit learns of a request from the other services' events, kept in
// its own database so the archive needs no other service (event-carried state). Instants are
// RFC 3339 UTC strings; null where the event that carries a value has not arrived (yet).

/** The requester as revisit may know them: masked forms and the two flags, never clear identity. */
export type RequesterTrace = {
  maskedName: string;
  maskedPhone: string;
  anonymous: boolean;
  confidential: boolean;
};

export type CaseRequest = {
  requestId: string;
  number: string;
  channel: string;
  requestType: string;
  urgency: string;
  categoryCode: string;
  categoryPath: string[];
  taxonomyVersion: number;
  areaCode: string;
  title: string;
  content: string;
  receivedAt: string | null;
  requester: RequesterTrace;
};

export type CaseAssignment = { unitId: string; unitName: string; unitCode: string; role: string };

export type CaseDispatch = {
  mode: string;
  catalogVersion: number;
  assignments: CaseAssignment[];
  dispatchedAt: string;
  dispatchedBy: string;
};

export type CaseCancellation = { reason: string; previousStatus: string; cancelledAt: string };

export type CaseWorkOrder = {
  workOrderId: string;
  unitId: string;
  unitName: string | null;
  unitCode: string | null;
  role: AssignmentRole | null;
  createdAt: string | null;
  signDueAt: string | null;
  signedAt: string | null;
  signedBy: string | null;
  handleDueAt: string | null;
  /** The due of the latest rework round (null before any rework). */
  reworkDueAt: string | null;
  cancellation: CaseCancellation | null;
};

/** One answer of a work order (per rework round) and its 复核. */
export type CaseAnswer = {
  workOrderId: string;
  unitId: string;
  role: AssignmentRole;
  reworkRound: number;
  answer: string;
  basis: string;
  contactRecord: string;
  answeredAt: string | null;
  answeredBy: string | null;
  onTime: boolean | null;
  review: { status: ReviewStatus; reasons: string[]; reviewedAt: string | null; reviewedBy: string | null };
};

/** How intake closed a request it never dispatched (直接办理, or one of the out-of-scope outcomes). */
export type IntakeClosure = { outcome: string; detail: string; closedAt: string; closedBy: string };

export interface CaseFile {
  request: CaseRequest | null;
  dispatches: CaseDispatch[];
  workOrders: CaseWorkOrder[];
  answers: CaseAnswer[];
}

/** The events that carry a request's brief, from the least to the most authoritative. */
export const BRIEF_SOURCES = ['handling', 'dispatch', 'intake'] as const;
export type BriefSource = (typeof BRIEF_SOURCES)[number];

/**
 * RequestAccepted, RequestDispatched and WorkOrderCreated all carry the brief, on three streams
 * that interleave. The stored brief is the one of the most authoritative source seen so far
 * (intake's own over dispatch's copy over handling's), so the result does not depend on the
 * order in which they arrive.
 */
export function briefRank(source: BriefSource): number {
  return BRIEF_SOURCES.indexOf(source);
}

const MASK_CHARACTER = /[*＊×]/;

/**
 * The requester trace to keep: a value that shows no masking is not kept (intake only ever sends
 * masked forms; anything else would be clear identity, which must not leave intake), and nothing
 * at all is kept for a confidential or anonymous requester.
 */
export function requesterTrace(input: RequesterTrace): RequesterTrace {
  const hidden = input.anonymous || input.confidential;
  const masked = (value: string) => (!hidden && MASK_CHARACTER.test(value) ? value : '');
  return {
    maskedName: masked(input.maskedName),
    maskedPhone: masked(input.maskedPhone),
    anonymous: input.anonymous,
    confidential: input.confidential,
  };
}

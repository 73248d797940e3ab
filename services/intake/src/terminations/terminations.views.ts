import type { Termination, TerminationOfRequest } from './terminations.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A termination as hotline staff see it: reason, evidence, what the requester is told, who proposed and who decided. */
export function toTerminationView(t: Termination) {
  return {
    id: t.id,
    requestId: t.requestId,
    state: t.state,
    reasonCode: t.reasonCode,
    evidenceRequestNumbers: t.evidenceRequestNumbers,
    hearingRecord: t.hearingRecord,
    legalRoute: t.legalRoute,
    note: t.note,
    proposedBy: t.proposedBy,
    proposedAt: iso(t.proposedAt),
    decidedBy: t.decidedBy,
    decidedAt: iso(t.decidedAt),
    decisionNote: t.decisionNote,
  };
}

/** A row of the approval queue or another list: the termination and the request's number and status. */
export function toTerminationListView(t: TerminationOfRequest) {
  return { ...toTerminationView(t), requestNumber: t.requestNumber, requestStatus: t.requestStatus };
}

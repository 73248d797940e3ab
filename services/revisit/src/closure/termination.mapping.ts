import type { intakeEventsV1 } from '@hotline/contracts';
import { maskPersonalData } from '@hotline/privacy';
import type { Termination } from '@hotline/revisit-domain';
import { instant } from '../case-file/case-file.mapping';

/**
 * RequestTerminated → the termination as revisit keeps it. Free text (the legal route, a hearing
 * record) is kept masked whatever the event carries; an empty hearing record is none; a missing
 * instant falls back to when JetStream stored the event.
 */
export function terminationOf(t: intakeEventsV1.RequestTerminated, receivedAt: Date): Termination {
  return {
    terminationId: t.terminationId,
    reasonCode: t.reasonCode,
    evidenceRequestNumbers: [...t.evidenceRequestNumbers],
    hearingRecord: t.hearingRecord ? maskPersonalData(t.hearingRecord) : null,
    legalRoute: maskPersonalData(t.legalRoute),
    proposedBy: t.proposedBy,
    approvedBy: t.approvedBy,
    terminatedAt: instant(t.terminatedAt) ?? receivedAt.toISOString(),
  };
}

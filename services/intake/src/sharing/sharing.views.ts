import type { SharingAgreement } from './agreements.repository';
import type { ReleaseLogEntry } from './releases.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** An agreement as the hotline's staff see it: its terms, and who proposed, decided and revoked it. */
export function toAgreementView(a: SharingAgreement) {
  return {
    id: a.id,
    departmentCode: a.departmentCode,
    departmentName: a.departmentName,
    purpose: a.purpose,
    legalBasis: a.legalBasis,
    personalDataPurpose: a.personalDataPurpose,
    maxGrade: a.maxGrade,
    includesCore: a.includesCore,
    fields: a.fields,
    categoryPrefixes: a.categoryPrefixes,
    areaCodes: a.areaCodes,
    requestTypes: a.requestTypes,
    validFrom: iso(a.validFrom),
    validUntil: iso(a.validUntil),
    state: a.state,
    proposedBy: a.proposedBy,
    proposedAt: iso(a.proposedAt),
    decidedBy: a.decidedBy,
    decidedAt: iso(a.decidedAt),
    decisionNote: a.decisionNote,
    revokedBy: a.revokedBy,
    revokedAt: iso(a.revokedAt),
    revokeReason: a.revokeReason,
    supersededBy: a.supersededBy,
  };
}

/** One release of the log. */
export function toReleaseView(e: ReleaseLogEntry) {
  return {
    id: e.id,
    agreementId: e.agreementId,
    departmentCode: e.departmentCode,
    kind: e.kind,
    subject: e.subject,
    releasedAt: iso(e.releasedAt),
    itemCount: e.itemCount,
    requestIds: e.requestIds,
    fields: e.fields,
    cursorAfter: e.cursorAfter,
    cursorNext: e.cursorNext,
  };
}

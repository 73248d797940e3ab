import { EntityManager } from 'typeorm';
import { Identity, uuidv7 } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { insertAgreement, SharingAgreement } from './agreements.repository';
import type { ProposeAgreement } from './sharing.schemas';

/**
 * A tenant administrator proposes an agreement with a receiving department. Nothing is released
 * under it until a second person approves it; its terms are fixed from now on (a change is a new
 * agreement, whose approval supersedes the old). Free text is masked as it is stored, as every
 * staff text of intake is.
 */
export async function proposeAgreement(manager: EntityManager, who: Identity, input: ProposeAgreement, now: Date = new Date()): Promise<SharingAgreement> {
  const agreement: SharingAgreement = {
    id: uuidv7(),
    tenantId: who.tenantId,
    departmentCode: input.departmentCode,
    departmentName: input.departmentName,
    purpose: maskPersonalData(input.purpose),
    legalBasis: maskPersonalData(input.legalBasis),
    personalDataPurpose: input.personalDataPurpose === undefined ? null : maskPersonalData(input.personalDataPurpose),
    maxGrade: input.maxGrade,
    includesCore: input.includesCore,
    fields: input.fields,
    categoryPrefixes: input.categoryPrefixes,
    areaCodes: input.areaCodes,
    requestTypes: input.requestTypes,
    validFrom: new Date(input.validFrom),
    validUntil: new Date(input.validUntil),
    state: 'proposed',
    proposedBy: who.subject,
    proposedAt: now,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    revokedBy: null,
    revokedAt: null,
    revokeReason: null,
    supersededBy: null,
  };
  await insertAgreement(manager, agreement);
  return agreement;
}

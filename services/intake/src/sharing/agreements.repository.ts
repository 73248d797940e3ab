import { EntityManager } from 'typeorm';
import type { FieldRule } from '@hotline/intake-domain';
import { isUuid } from '@hotline/platform';
import type { DataGrade, RequestType, SharingAgreementState } from '@hotline/vocabulary';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

/** A sharing agreement: its terms (never changed once written) and where it stands. Free text kept masked. */
export interface SharingAgreement {
  id: string;
  tenantId: string;
  departmentCode: string;
  departmentName: string;
  purpose: string;
  legalBasis: string;
  personalDataPurpose: string | null;
  maxGrade: DataGrade;
  includesCore: boolean;
  fields: FieldRule[];
  categoryPrefixes: string[];
  areaCodes: string[];
  requestTypes: RequestType[];
  validFrom: Date;
  validUntil: Date;
  state: SharingAgreementState;
  proposedBy: string;
  proposedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  revokedBy: string | null;
  revokedAt: Date | null;
  revokeReason: string | null;
  supersededBy: string | null;
}

const COLUMNS = `id, tenant_id as "tenantId", department_code as "departmentCode", department_name as "departmentName", purpose,
  legal_basis as "legalBasis", personal_data_purpose as "personalDataPurpose", max_grade as "maxGrade", includes_core as "includesCore",
  fields, category_prefixes as "categoryPrefixes", area_codes as "areaCodes", request_types as "requestTypes",
  valid_from as "validFrom", valid_until as "validUntil", state, proposed_by as "proposedBy", proposed_at as "proposedAt",
  decided_by as "decidedBy", decided_at as "decidedAt", decision_note as "decisionNote", revoked_by as "revokedBy",
  revoked_at as "revokedAt", revoke_reason as "revokeReason", superseded_by as "supersededBy"`;

export async function insertAgreement(manager: EntityManager, a: SharingAgreement): Promise<void> {
  await manager.query(
    `insert into sharing_agreements (id, tenant_id, department_code, department_name, purpose, legal_basis, personal_data_purpose,
       max_grade, includes_core, fields, category_prefixes, area_codes, request_types, valid_from, valid_until, state, proposed_by, proposed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      a.id, a.tenantId, a.departmentCode, a.departmentName, a.purpose, a.legalBasis, a.personalDataPurpose, a.maxGrade, a.includesCore,
      JSON.stringify(a.fields), a.categoryPrefixes, a.areaCodes, a.requestTypes, a.validFrom, a.validUntil, a.state, a.proposedBy, a.proposedAt,
    ],
  );
}

/** Agreement `id`, locked when `lock` (`share`: kept from a revocation meanwhile, as a release does); null for an unknown or malformed id. */
export async function findAgreement(manager: EntityManager, id: string, lock: boolean | 'share' = false): Promise<SharingAgreement | null> {
  if (!isUuid(id)) return null;
  const clause = lock === 'share' ? 'for share' : lock ? 'for update' : '';
  const [row]: SharingAgreement[] = await manager.query(`select ${COLUMNS} from sharing_agreements where id = $1 ${clause}`, [id]);
  return row ?? null;
}

/** The department's active agreement, locked (an approval supersedes it; a release reads it while it stands). */
export async function activeAgreementOf(manager: EntityManager, departmentCode: string, lock: 'update' | 'share'): Promise<SharingAgreement | null> {
  const [row]: SharingAgreement[] = await manager.query(
    `select ${COLUMNS} from sharing_agreements where department_code = $1 and state = 'active' for ${lock}`,
    [departmentCode],
  );
  return row ?? null;
}

/** The department's newest agreement that was ever approved (what a refused release names). */
export async function latestApprovedAgreementOf(manager: EntityManager, departmentCode: string): Promise<SharingAgreement | null> {
  const [row]: SharingAgreement[] = await manager.query(
    `select ${COLUMNS} from sharing_agreements where department_code = $1 and decided_at is not null and state in ('active', 'revoked')
      order by decided_at desc limit 1`,
    [departmentCode],
  );
  return row ?? null;
}

export interface AgreementDecision {
  state: SharingAgreementState;
  decidedBy: string;
  decidedAt: Date;
  decisionNote: string | null;
}

export async function decideAgreement(manager: EntityManager, id: string, d: AgreementDecision): Promise<void> {
  await manager.query(
    `update sharing_agreements set state = $2, decided_by = $3, decided_at = $4, decision_note = $5 where id = $1 and state = 'proposed'`,
    [id, d.state, d.decidedBy, d.decidedAt, d.decisionNote],
  );
}

export interface AgreementRevocation {
  revokedBy: string;
  revokedAt: Date;
  revokeReason: string;
  supersededBy: string | null;
}

export async function revokeAgreement(manager: EntityManager, id: string, r: AgreementRevocation): Promise<void> {
  await manager.query(
    `update sharing_agreements set state = 'revoked', revoked_by = $2, revoked_at = $3, revoke_reason = $4, superseded_by = $5
      where id = $1 and state in ('proposed', 'active')`,
    [id, r.revokedBy, r.revokedAt, r.revokeReason, r.supersededBy],
  );
}

export interface AgreementFilter {
  state?: SharingAgreementState;
  departmentCode?: string;
  limit: number;
  offset: number;
}

/** Newest first, and how many match. */
export async function listAgreements(manager: EntityManager, f: AgreementFilter): Promise<[SharingAgreement[], number]> {
  const where = `where ($1::text is null or state = $1) and ($2::text is null or department_code = $2)`;
  const filters = [f.state ?? null, f.departmentCode ?? null];
  const rows: SharingAgreement[] = await manager.query(
    `select ${COLUMNS} from sharing_agreements ${where} order by proposed_at desc, id desc limit $3 offset $4`,
    [...filters, f.limit, f.offset],
  );
  const [{ total }] = await manager.query(`select count(*)::int as total from sharing_agreements ${where}`, filters);
  return [rows, total];
}

import { EntityManager } from 'typeorm';
import type { RequesterContactPurpose, Role } from '@hotline/vocabulary';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

export interface CallReferenceRow {
  id: string;
  tenantId: string;
  requestId: string;
  referenceHash: string;
  purpose: RequesterContactPurpose;
  note: string | null;
  issuedBy: string;
  issuerRoles: Role[];
  issuerUnit: string | null;
  issuedAt: Date;
  expiresAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

/** The record of an issued reference: who asked, for which request, why, until when. */
export async function insertCallReference(manager: EntityManager, row: Omit<CallReferenceRow, 'resolvedAt' | 'resolvedBy'>): Promise<void> {
  await manager.query(
    `insert into call_references (id, tenant_id, request_id, reference_hash, purpose, note, issued_by, issuer_roles, issuer_unit, issued_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [row.id, row.tenantId, row.requestId, row.referenceHash, row.purpose, row.note, row.issuedBy, row.issuerRoles, row.issuerUnit, row.issuedAt, row.expiresAt],
  );
}

/** The reference of this hash, its row locked until the transaction ends (two resolutions at once: one wins). */
export async function lockCallReference(manager: EntityManager, referenceHash: string): Promise<CallReferenceRow | undefined> {
  const [r] = await manager.query(`select * from call_references where reference_hash = $1 for update`, [referenceHash]);
  if (!r) return undefined;
  return {
    id: r.id,
    tenantId: r.tenant_id,
    requestId: r.request_id,
    referenceHash: r.reference_hash,
    purpose: r.purpose,
    note: r.note,
    issuedBy: r.issued_by,
    issuerRoles: r.issuer_roles,
    issuerUnit: r.issuer_unit,
    issuedAt: new Date(r.issued_at),
    expiresAt: new Date(r.expires_at),
    resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
    resolvedBy: r.resolved_by,
  };
}

export async function markResolved(manager: EntityManager, id: string, at: Date, by: string): Promise<void> {
  await manager.query(`update call_references set resolved_at = $2, resolved_by = $3 where id = $1`, [id, at, by]);
}

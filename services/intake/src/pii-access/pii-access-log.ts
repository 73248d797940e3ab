import { EntityManager } from 'typeorm';
import type { Identity } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import type { DATA_SHARING_ACCESS_PURPOSE, PiiAccessPurpose, RequesterContactPurpose } from '@hotline/vocabulary';
import type { ClearRead, ListPiiAccess } from './pii-access.schemas';

/**
 * The purpose of reads logged before every clear read had to state one (release 0.1.0), and of
 * reads the previous release makes after a rollback: the column's default.
 */
export const UNSTATED_PURPOSE = 'unstated';

export interface PiiAccess {
  requestId: string;
  /** What was disclosed: `requester.name` …, `title`, `content`, `scope.detail`. */
  fields: readonly string[];
  purpose: PiiAccessPurpose | RequesterContactPurpose | typeof DATA_SHARING_ACCESS_PURPOSE;
  note?: string;
  /** The unit the disclosure served; the reader's own (`unit` claim) unless stated. */
  unit?: string;
  /** For a read by a system on a user's behalf (the telephony resolving a call reference): that user. */
  onBehalfOf?: string;
}

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

/**
 * Records one disclosure of personal data in clear: who (subject, roles and unit), what (the
 * request and its fields), why (purpose and note) and when, in the transaction of the read
 * itself. The note is free text too, and kept masked.
 */
export async function recordPiiAccess(manager: EntityManager, who: Identity, access: PiiAccess): Promise<void> {
  await manager.query(
    `insert into pii_access_log (tenant_id, request_id, subject, roles, fields, purpose, note, unit, on_behalf_of)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      who.tenantId,
      access.requestId,
      who.subject,
      who.roles,
      access.fields,
      access.purpose,
      access.note === undefined ? null : maskPersonalData(access.note),
      access.unit ?? who.unit ?? null,
      access.onBehalfOf ?? null,
    ],
  );
}

/** A clear read's purpose and note as the access log takes them. */
export function statedPurpose(read: ClearRead): Pick<PiiAccess, 'purpose' | 'note'> {
  return read.note === undefined ? { purpose: read.purpose } : { purpose: read.purpose, note: read.note };
}

export interface PiiAccessRow {
  id: string;
  at: Date;
  subject: string;
  roles: string[];
  purpose: string;
  note: string | null;
  fields: string[];
  request_id: string;
  number: string;
  unit: string | null;
  on_behalf_of: string | null;
}

/** Newest first; `from` inclusive, `to` exclusive. */
export async function findPiiAccesses(manager: EntityManager, query: ListPiiAccess): Promise<[PiiAccessRow[], number]> {
  const where = `
    where ($1::uuid is null or l.request_id = $1) and ($2::text is null or r.number = $2) and ($3::text is null or l.subject = $3)
      and ($4::text is null or l.purpose = $4) and ($5::timestamptz is null or l.at >= $5) and ($6::timestamptz is null or l.at < $6)`;
  const filters = [query.requestId, query.number, query.subject, query.purpose, query.from, query.to].map((v) => v ?? null);
  const rows: PiiAccessRow[] = await manager.query(
    `select l.id::text as id, l.at, l.subject, l.roles, l.purpose, l.note, l.fields, l.request_id, r.number, l.unit, l.on_behalf_of
       from pii_access_log l join requests r on r.id = l.request_id ${where}
      order by l.at desc, l.id desc limit $7 offset $8`,
    [...filters, query.limit, query.offset],
  );
  const [{ n }] = await manager.query(`select count(*)::int as n from pii_access_log l join requests r on r.id = l.request_id ${where}`, filters);
  return [rows, Number(n)];
}

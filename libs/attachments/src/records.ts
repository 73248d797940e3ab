import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Identity, isUuid, ProblemError, uuidv7 } from '@hotline/platform';
import type { AttachmentContentType, AttachmentOwnerKind, AttachmentScanResult } from '@hotline/vocabulary';
import { Attachments } from './attachments';
import type { Upload } from './inspect';
import { AttachmentPolicy, DEFAULT_ATTACHMENT_POLICY, PutAttachmentPolicy } from './policy';
import { storageKey } from './storage';

// The metadata of attachments, in the `attachments` and `attachment_policies` tables that intake
// and handling each keep in their own database (their migrations create them alike). No tenant
// filter in these queries: row-level security scopes them to the caller's tenant, and each
// lookup also names the owner, so an id of another owner finds nothing.

/** One stored attachment (its row). */
export interface AttachmentRecord {
  id: string;
  tenantId: string;
  ownerKind: AttachmentOwnerKind;
  ownerId: string;
  filename: string;
  declaredContentType: string;
  contentType: AttachmentContentType;
  size: number;
  sha256: string;
  storageKey: string;
  scanResult: AttachmentScanResult;
  uploadedBy: string;
  uploadedAt: Date;
  /**
   * When retention erased the file (ADR 0033): its bytes are deleted from the store (by the
   * erasure worker, erasure.ts) and it is never served again; size, digest, types and times stay
   * for the archive and the audit. Null while the file is kept.
   */
  erasedAt: Date | null;
}

export interface AttachmentOwner {
  kind: AttachmentOwnerKind;
  id: string;
}

const COLUMNS = `id, tenant_id, owner_kind, owner_id, filename, declared_content_type, content_type, size_bytes, sha256, storage_key,
  scan_result, uploaded_by, uploaded_at, erased_at`;

function fromRow(r: Record<string, unknown>): AttachmentRecord {
  return {
    id: String(r['id']),
    tenantId: String(r['tenant_id']),
    ownerKind: r['owner_kind'] as AttachmentOwnerKind,
    ownerId: String(r['owner_id']),
    filename: String(r['filename']),
    declaredContentType: String(r['declared_content_type']),
    contentType: r['content_type'] as AttachmentContentType,
    size: Number(r['size_bytes']),
    sha256: String(r['sha256']),
    storageKey: String(r['storage_key']),
    scanResult: r['scan_result'] as AttachmentScanResult,
    uploadedBy: String(r['uploaded_by']),
    uploadedAt: new Date(r['uploaded_at'] as string),
    erasedAt: r['erased_at'] ? new Date(r['erased_at'] as string) : null,
  };
}

/** What the API shows of an attachment (never its storage key); an erased one with `erasedAt`, its name the anonymised marker. */
export function toAttachmentView(a: AttachmentRecord) {
  return {
    id: a.id,
    ownerKind: a.ownerKind,
    ownerId: a.ownerId,
    filename: a.filename,
    contentType: a.contentType,
    declaredContentType: a.declaredContentType,
    size: a.size,
    sha256: a.sha256,
    scanResult: a.scanResult,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt.toISOString(),
    erasedAt: a.erasedAt?.toISOString() ?? null,
  };
}

/** The owner's attachments, oldest first. */
export async function listAttachments(manager: EntityManager, owner: AttachmentOwner): Promise<AttachmentRecord[]> {
  const rows = await manager.query(`select ${COLUMNS} from attachments where owner_kind = $1 and owner_id = $2 order by uploaded_at, id`, [owner.kind, owner.id]);
  return rows.map(fromRow);
}

/** One attachment of this owner; undefined for another owner's, another tenant's (RLS) or an id that is no uuid. */
export async function findAttachment(manager: EntityManager, owner: AttachmentOwner, id: string): Promise<AttachmentRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await manager.query(`select ${COLUMNS} from attachments where id = $1 and owner_kind = $2 and owner_id = $3`, [id, owner.kind, owner.id]);
  return row ? fromRow(row) : undefined;
}

/** The tenant's policy, or the default where it has set none. */
export async function loadAttachmentPolicy(manager: EntityManager): Promise<AttachmentPolicy & { source: 'tenant' | 'default' }> {
  const [row] = await manager.query(`select max_file_bytes, max_files_per_owner, content_types from attachment_policies`);
  if (!row) return { ...DEFAULT_ATTACHMENT_POLICY, contentTypes: [...DEFAULT_ATTACHMENT_POLICY.contentTypes], source: 'default' };
  return { maxFileBytes: Number(row.max_file_bytes), maxFilesPerOwner: Number(row.max_files_per_owner), contentTypes: row.content_types, source: 'tenant' };
}

export async function saveAttachmentPolicy(manager: EntityManager, who: Identity, p: PutAttachmentPolicy) {
  await manager.query(
    `insert into attachment_policies (tenant_id, max_file_bytes, max_files_per_owner, content_types, updated_at, updated_by)
     values ($1, $2, $3, $4, now(), $5)
     on conflict (tenant_id) do update set max_file_bytes = excluded.max_file_bytes, max_files_per_owner = excluded.max_files_per_owner,
       content_types = excluded.content_types, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [who.tenantId, p.maxFileBytes, p.maxFilesPerOwner, p.contentTypes, who.subject],
  );
  return loadAttachmentPolicy(manager);
}

/**
 * Adds an upload to its owner, once the caller's right to do so is settled: the tenant's rules
 * and the virus scan (nothing stored on a refusal), then — one upload per owner at a time (an
 * advisory lock: the owner's own row stays free for the lifecycle) — the count per owner, the
 * bytes into the store under a key that begins with the tenant, and the row. Should the row not
 * be written, the bytes are removed again; should the transaction fail after that, the bytes
 * stay behind unreachable (no row names them), never a row without its bytes.
 */
export async function addAttachment(manager: EntityManager, attachments: Attachments, who: Identity, owner: AttachmentOwner, upload: Upload): Promise<AttachmentRecord> {
  const policy = await loadAttachmentPolicy(manager);
  const accepted = await attachments.accept(upload, policy);
  await manager.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`attachments:${owner.kind}:${owner.id}`]);
  const [{ n }] = await manager.query(`select count(*)::int as n from attachments where owner_kind = $1 and owner_id = $2`, [owner.kind, owner.id]);
  if (Number(n) >= policy.maxFilesPerOwner)
    throw new ProblemError(409, 'too_many_attachments', 'Too many attachments', `this ${owner.kind} has ${n} attachments, the most this hotline takes`);
  const id = uuidv7();
  const record: AttachmentRecord = {
    id,
    tenantId: who.tenantId,
    ownerKind: owner.kind,
    ownerId: owner.id,
    filename: accepted.filename,
    declaredContentType: accepted.declaredContentType,
    contentType: accepted.contentType,
    size: accepted.size,
    sha256: accepted.sha256,
    storageKey: storageKey({ tenantId: who.tenantId, ownerKind: owner.kind, ownerId: owner.id, attachmentId: id }),
    scanResult: accepted.scanResult,
    uploadedBy: who.subject,
    uploadedAt: new Date(),
    erasedAt: null,
  };
  await attachments.storage.put(record.storageKey, accepted.bytes, record.contentType);
  try {
    await manager.query(`insert into attachments (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`, [
      record.id, record.tenantId, record.ownerKind, record.ownerId, record.filename, record.declaredContentType, record.contentType,
      record.size, record.sha256, record.storageKey, record.scanResult, record.uploadedBy, record.uploadedAt, record.erasedAt,
    ]);
  } catch (err) {
    await attachments.storage.delete(record.storageKey).catch(() => undefined);
    throw err;
  }
  return record;
}

/**
 * An attachment of the owner with its bytes (checked against their digest); a 404 for any id the
 * owner does not have, a 410 `attachment_erased` for one retention erased (its bytes are gone or
 * going: never served, even while the store still holds them).
 */
export async function readAttachment(manager: EntityManager, attachments: Attachments, owner: AttachmentOwner, id: string) {
  const record = await findAttachment(manager, owner, id);
  if (!record) throw ProblemError.notFound(`attachment ${id}`);
  if (record.erasedAt)
    throw new ProblemError(410, 'attachment_erased', 'Attachment erased',
      `attachment ${id} was erased on ${record.erasedAt.toISOString()} at the end of its request's retention period; only its size, digest and times are kept`);
  return { record, bytes: await attachments.read(record.storageKey, record.sha256) };
}

/** The query of an upload: the name the file is kept and offered under. */
export const UploadAttachmentQuery = z.object({ filename: z.string().min(1).max(1024) }).strict();

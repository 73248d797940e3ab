import { EntityManager } from 'typeorm';
import { JsonValue } from '@hotline/revisit-domain';
import { ArchiveRecordEntity } from './archive-record.entity';

/**
 * Serialises appends to one tenant's chain until the transaction ends, so concurrent closures
 * read the true last link and never fork the chain or skip a sequence.
 */
export async function lockTenantChain(manager: EntityManager, tenantId: string): Promise<void> {
  await manager.query(`select pg_advisory_xact_lock(hashtext('archive:' || $1))`, [tenantId]);
}

export function lastLink(manager: EntityManager): Promise<ArchiveRecordEntity | null> {
  return manager.getRepository(ArchiveRecordEntity).findOne({ where: {}, order: { sequence: 'DESC' } });
}

export function findArchived(manager: EntityManager, requestId: string): Promise<ArchiveRecordEntity | null> {
  return manager.getRepository(ArchiveRecordEntity).findOne({ where: { requestId } });
}

export async function insertLink(manager: EntityManager, link: ArchiveRecordEntity): Promise<void> {
  await manager.query(
    `insert into archive_records (tenant_id, sequence, archive_id, request_id, record, previous_hash, record_hash, archived_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [link.tenantId, link.sequence, link.archiveId, link.requestId, JSON.stringify(link.record), link.previousHash, link.recordHash, link.archivedAt],
  );
}

export interface StoredRow {
  sequence: string;
  record: JsonValue;
  previous_hash: string;
  record_hash: string;
  /** Set once a retention run anonymised the record (ArchiveRetention1764300005300). */
  anonymised_hash: string | null;
  anonymised_in: string | null;
}

/** Links after `after`, in sequence order, as stored (whatever anyone did to them). */
export function chainPage(manager: EntityManager, after: number, limit: number): Promise<StoredRow[]> {
  return manager.query(
    `select sequence, record, previous_hash, record_hash, anonymised_hash, anonymised_in from archive_records
     where sequence > $1 order by sequence limit $2`,
    [after, limit],
  );
}

/** The links that name `entrySequence` as the anonymisation entry that sealed them, as stored. */
export async function linksAnonymisedIn(manager: EntityManager, entrySequence: number): Promise<Array<{ sequence: number; anonymisedHash: string | null }>> {
  const rows: Array<{ sequence: string; anonymised_hash: string | null }> = await manager.query(
    `select sequence, anonymised_hash from archive_records where anonymised_in = $1 order by sequence`,
    [entrySequence],
  );
  return rows.map((r) => ({ sequence: Number(r.sequence), anonymisedHash: r.anonymised_hash }));
}

export interface RetentionCandidate {
  sequence: number;
  requestId: string;
  record: JsonValue;
  recordHash: string;
}

// A request's link (request_id set; re-seal and anonymisation entries have none), not anonymised
// yet, archived before the cut-off: archiving follows closure at once (in the closing transaction
// at revisit, on intake's event for a closure there), so archived_at stands for the closure.
const CANDIDATE = `request_id is not null and anonymised_at is null and archived_at < $1 and sequence > $2 and sequence <= $3`;

/** How many links a run from `after` to `until` anonymises at `cutoff`. */
export async function countRetentionCandidates(manager: EntityManager, cutoff: Date, after: number, until: number): Promise<number> {
  const [row]: Array<{ n: number }> = await manager.query(`select count(*)::int as n from archive_records where ${CANDIDATE}`, [cutoff, after, until]);
  return row?.n ?? 0;
}

/** The next `limit` of them in sequence order, locked until the transaction ends. */
export async function retentionCandidates(manager: EntityManager, cutoff: Date, after: number, until: number, limit: number): Promise<RetentionCandidate[]> {
  const rows: Array<{ sequence: string; request_id: string; record: JsonValue; record_hash: string }> = await manager.query(
    `select sequence, request_id, record, record_hash from archive_records where ${CANDIDATE} order by sequence limit $4 for update`,
    [cutoff, after, until, limit],
  );
  return rows.map((r) => ({ sequence: Number(r.sequence), requestId: r.request_id, record: r.record, recordHash: r.record_hash }));
}

export interface AnonymisedRow {
  sequence: number;
  record: JsonValue;
  anonymisedHash: string;
}

/**
 * The one update the archive's guard allows (ArchiveRetention1764300005300): each link's record
 * with its identity and free text removed, sealed, naming the anonymisation entry (already in the
 * chain) and the run; sequence and hashes as they were.
 */
export async function storeAnonymised(manager: EntityManager, rows: AnonymisedRow[], runId: string, at: Date, entrySequence: number): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `update archive_records a set record = v.record, anonymised_hash = v.anonymised_hash,
       anonymised_at = $4, anonymisation_run_id = $5, anonymised_in = $6
     from unnest($1::bigint[], $2::jsonb[], $3::text[]) as v(sequence, record, anonymised_hash)
     where a.sequence = v.sequence`,
    [rows.map((r) => r.sequence), rows.map((r) => JSON.stringify(r.record)), rows.map((r) => r.anonymisedHash), at, runId, entrySequence],
  );
}

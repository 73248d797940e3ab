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
}

/** Links after `after`, in sequence order, as stored (whatever anyone did to them). */
export function chainPage(manager: EntityManager, after: number, limit: number): Promise<StoredRow[]> {
  return manager.query(
    `select sequence, record, previous_hash, record_hash from archive_records
     where sequence > $1 order by sequence limit $2`,
    [after, limit],
  );
}

import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox, uuidv7 } from '@hotline/platform';
import {
  archivedReviews,
  ArchiveRecord,
  chainRecord,
  finalPrimaryAnswer,
  ChainVerdict,
  ChainVerifier,
  GENESIS_HASH,
  JsonValue,
  ReviewFacts,
  RevisitMethod,
  Satisfaction,
  sha256Hex,
} from '@hotline/revisit-domain';
import { ReviewEntity } from '../reviews/review.entity';
import { ArchiveRecordEntity } from './archive-record.entity';

export interface ClosedRequest {
  tenantId: string;
  requestId: string;
  primaryWorkOrderId: string;
  primaryUnitId: string;
  closedAt: Date;
  resolved: boolean;
  satisfaction: Satisfaction;
  method: RevisitMethod;
}

/**
 * Appends a closed request to its tenant's chain and records RequestArchived, in the caller's
 * transaction. The transaction-scoped advisory lock serialises appends per tenant, so
 * concurrent closures read the true last link and never fork the chain or skip a sequence.
 */
export async function appendToArchive(manager: EntityManager, outbox: Outbox, closed: ClosedRequest): Promise<ArchiveRecordEntity> {
  await manager.query(`select pg_advisory_xact_lock(hashtext('archive:' || $1))`, [closed.tenantId]);
  const repo = manager.getRepository(ArchiveRecordEntity);
  const last = await repo.findOne({ where: {}, order: { sequence: 'DESC' } });
  const reviews: ReviewFacts[] = await manager.getRepository(ReviewEntity).find({ where: { requestId: closed.requestId } });
  const archivedAt = new Date();
  const record: ArchiveRecord = {
    tenantId: closed.tenantId,
    sequence: (last?.sequence ?? 0) + 1,
    requestId: closed.requestId,
    archivedAt: archivedAt.toISOString(),
    closedAt: closed.closedAt.toISOString(),
    resolved: closed.resolved,
    satisfaction: closed.satisfaction,
    method: closed.method,
    primaryUnitId: closed.primaryUnitId,
    reviews: archivedReviews(reviews),
    answerSha256: sha256Hex(finalPrimaryAnswer(reviews, closed.primaryWorkOrderId) ?? ''),
  };
  const link = chainRecord(last?.recordHash ?? GENESIS_HASH, record);
  const entity = repo.create({
    tenantId: closed.tenantId,
    sequence: record.sequence,
    archiveId: uuidv7(),
    requestId: closed.requestId,
    record,
    previousHash: link.previousHash,
    recordHash: link.recordHash,
    archivedAt,
  });
  await repo.insert(entity);
  await outbox.append(manager, {
    event: Events.revisit.requestArchived,
    tenantId: closed.tenantId,
    aggregateType: 'request',
    aggregateId: closed.requestId,
    payload: {
      requestId: closed.requestId,
      archiveId: entity.archiveId,
      sequence: String(entity.sequence),
      recordHash: entity.recordHash,
      previousHash: entity.previousHash,
      archivedAt: record.archivedAt,
    },
  });
  return entity;
}

export function toArchiveView(a: ArchiveRecordEntity) {
  return {
    sequence: a.sequence,
    archiveId: a.archiveId,
    requestId: a.requestId,
    record: a.record,
    previousHash: a.previousHash,
    recordHash: a.recordHash,
    archivedAt: a.archivedAt.toISOString(),
  };
}

export function listArchive(manager: EntityManager, page: { limit: number; offset: number }): Promise<ArchiveRecordEntity[]> {
  return manager.getRepository(ArchiveRecordEntity).find({ order: { sequence: 'ASC' }, take: page.limit, skip: page.offset });
}

const VERIFY_PAGE = 1000;

/**
 * Recomputes every hash and link of the current tenant's chain, reading it in pages by
 * sequence. Shared by GET /v1/archive/verify and the verify-archive command; run it in a
 * tenant transaction (RLS selects the chain).
 */
export async function verifyArchive(manager: EntityManager): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows: Array<{ sequence: string; record: JsonValue; previous_hash: string; record_hash: string }> =
      await manager.query(
        `select sequence, record, previous_hash, record_hash from archive_records
         where sequence > $1 order by sequence limit $2`,
        [after, VERIFY_PAGE],
      );
    for (const row of rows)
      verifier.add({
        sequence: Number(row.sequence),
        record: row.record,
        previousHash: row.previous_hash,
        recordHash: row.record_hash,
      });
    const lastRow = rows.at(-1);
    if (!lastRow || rows.length < VERIFY_PAGE) return verifier.verdict();
    after = Number(lastRow.sequence);
  }
}

import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox, Timers, uuidv7 } from '@hotline/platform';
import { ArchivedClosure, ArchivedRevisit, assembleArchiveRecord, chainRecord, GENESIS_HASH } from '@hotline/revisit-domain';
import { loadCaseFile } from '../case-file/case-file.repository';
import { dailyRetentionTimer } from '../retention/retention-schedule';
import { ArchiveRecordEntity } from './archive-record.entity';
import { findArchived, insertLink, lastLink, lockTenantChain } from './archive.repository';

export interface ClosedRequest {
  tenantId: string;
  requestId: string;
  revisit: ArchivedRevisit | null;
  closure: ArchivedClosure;
}

/**
 * Appends a closed request, with its whole case file, to its tenant's chain and records
 * RequestArchived, in the caller's transaction and under the tenant's chain lock. A request is
 * archived once: a repeated closure (intake's event re-published) returns the existing link.
 * A tenant's first archive starts its daily retention timer (the same row for every append of a day).
 */
export async function appendToArchive(manager: EntityManager, outbox: Outbox, closed: ClosedRequest): Promise<ArchiveRecordEntity> {
  await lockTenantChain(manager, closed.tenantId);
  const existing = await findArchived(manager, closed.requestId);
  if (existing) return existing;
  const last = await lastLink(manager);
  const archivedAt = new Date();
  const record = assembleArchiveRecord({
    tenantId: closed.tenantId,
    sequence: (last?.sequence ?? 0) + 1,
    requestId: closed.requestId,
    archivedAt: archivedAt.toISOString(),
    caseFile: await loadCaseFile(manager, closed.requestId),
    revisit: closed.revisit,
    closure: closed.closure,
  });
  const link = chainRecord(last?.recordHash ?? GENESIS_HASH, record);
  const entity = manager.getRepository(ArchiveRecordEntity).create({
    tenantId: closed.tenantId,
    sequence: record.sequence,
    archiveId: uuidv7(),
    requestId: closed.requestId,
    record,
    previousHash: link.previousHash,
    recordHash: link.recordHash,
    archivedAt,
  });
  await insertLink(manager, entity);
  await Timers.scheduleNoLaterThan(manager, dailyRetentionTimer(closed.tenantId, archivedAt));
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

import { EntityManager } from 'typeorm';
import { uuidv7 } from '@hotline/platform';
import {
  ANONYMISATION_FORMAT,
  ANONYMISATION_RETENTION_ENDED,
  AnonymisationRecord,
  AnonymisationScope,
  anonymisedRecordHash,
  anonymiseRecord,
  chainRecord,
  GENESIS_HASH,
} from '@hotline/revisit-domain';
import { ArchiveRecordEntity } from './archive-record.entity';
import { insertLink, lastLink, lockTenantChain, retentionCandidates, storeAnonymised } from './archive.repository';

export interface AnonymiseBatch {
  tenantId: string;
  runId: string;
  cutoff: Date;
  /** The run's cursor: links after this sequence, up to `until` (the head when the run started). */
  after: number;
  until: number;
  limit: number;
  scope: AnonymisationScope;
  at: Date;
}

export interface AnonymisedBatch {
  links: Array<{ sequence: number; requestId: string }>;
  /** The anonymisation entry appended for them; null when there was nothing to anonymise. */
  entrySequence: number | null;
}

/**
 * Anonymises the next batch of a retention run's archived requests, in the caller's transaction
 * and under the tenant's chain lock: each record's identity and free text (as the run's scope
 * says) replaced by the marker and sealed with anonymisedRecordHash; then an anonymisation entry
 * (format anonymisation/1) listing them and their seals is appended to the chain, and the records
 * are stored naming it. Their sequences and hashes stay, so the chain and every hash published in
 * RequestArchived still hold, and verification checks them against their seals.
 */
export async function anonymiseArchivedBatch(manager: EntityManager, batch: AnonymiseBatch): Promise<AnonymisedBatch> {
  await lockTenantChain(manager, batch.tenantId);
  const candidates = await retentionCandidates(manager, batch.cutoff, batch.after, batch.until, batch.limit);
  if (candidates.length === 0) return { links: [], entrySequence: null };
  const anonymised = candidates.map((c) => {
    const record = anonymiseRecord(c.record, batch.scope);
    return { sequence: c.sequence, requestId: c.requestId, record, anonymisedHash: anonymisedRecordHash(c.recordHash, record) };
  });
  const last = await lastLink(manager);
  const at = batch.at.toISOString();
  const entry: AnonymisationRecord = {
    format: ANONYMISATION_FORMAT,
    tenantId: batch.tenantId,
    sequence: (last?.sequence ?? 0) + 1,
    anonymisedAt: at,
    runId: batch.runId,
    reason: ANONYMISATION_RETENTION_ENDED,
    scope: { identity: batch.scope.identity, freeText: batch.scope.freeText },
    records: anonymised.map((a) => ({ sequence: a.sequence, requestId: a.requestId, anonymisedHash: a.anonymisedHash })),
  };
  const link = chainRecord(last?.recordHash ?? GENESIS_HASH, entry);
  // The entry first: the guard lets a record be anonymised only under an entry already in the chain.
  await insertLink(
    manager,
    Object.assign(new ArchiveRecordEntity(), {
      tenantId: batch.tenantId,
      sequence: entry.sequence,
      archiveId: uuidv7(),
      requestId: null,
      record: entry,
      previousHash: link.previousHash,
      recordHash: link.recordHash,
      archivedAt: batch.at,
    }),
  );
  await storeAnonymised(manager, anonymised, batch.runId, batch.at, entry.sequence);
  return { links: anonymised.map((a) => ({ sequence: a.sequence, requestId: a.requestId })), entrySequence: entry.sequence };
}

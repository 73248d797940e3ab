import { ArchiveRecordEntity } from './archive-record.entity';

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

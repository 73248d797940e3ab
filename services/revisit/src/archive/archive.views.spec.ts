import { ArchiveRecordEntity } from './archive-record.entity';
import { toArchiveView } from './archive.views';

describe('archive view', () => {
  it('shows a link as stored: the record, its hashes and its position', () => {
    const link = Object.assign(new ArchiveRecordEntity(), {
      tenantId: 'city-a', sequence: 2, archiveId: 'a2', requestId: 'q2', record: { sequence: 2 }, previousHash: 'p', recordHash: 'h',
      archivedAt: new Date('2025-01-24T02:00:00Z'),
    });
    expect(toArchiveView(link)).toEqual({
      sequence: 2, archiveId: 'a2', requestId: 'q2', record: { sequence: 2 }, previousHash: 'p', recordHash: 'h', archivedAt: '2025-01-24T02:00:00.000Z',
    });
  });
});

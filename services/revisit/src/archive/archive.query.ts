import { EntityManager } from 'typeorm';
import { Page } from '@hotline/platform';
import { ArchiveRecordEntity } from './archive-record.entity';

/** The tenant's chain in sequence order, a page at a time. RLS scopes the query. */
export function listArchive(manager: EntityManager, page: Page): Promise<ArchiveRecordEntity[]> {
  return manager.getRepository(ArchiveRecordEntity).find({ order: { sequence: 'ASC' }, take: page.limit, skip: page.offset });
}

import { EntityManager } from 'typeorm';
import { Page } from '@hotline/platform';
import { RequestProgressEntity } from './request-progress.entity';

/** Requests whose primary answer passed review, longest waiting first. RLS scopes the query. */
export function listAwaitingRevisit(manager: EntityManager, page: Page): Promise<RequestProgressEntity[]> {
  return manager.getRepository(RequestProgressEntity).find({
    where: { status: 'awaiting-revisit' },
    order: { updatedAt: 'ASC', requestId: 'ASC' },
    take: page.limit,
    skip: page.offset,
  });
}

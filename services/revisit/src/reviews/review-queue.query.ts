import { EntityManager } from 'typeorm';
import { ReviewEntity } from './review.entity';
import { ListReviews } from './reviews.schemas';

/** The tenant's reviews, oldest first (a work queue), optionally of one status. RLS scopes the query. */
export function listReviews(manager: EntityManager, query: ListReviews): Promise<ReviewEntity[]> {
  return manager.getRepository(ReviewEntity).find({
    where: query.status ? { status: query.status } : {},
    order: { createdAt: 'ASC', id: 'ASC' },
    take: query.limit,
    skip: query.offset,
  });
}

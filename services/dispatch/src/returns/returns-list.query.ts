import { EntityManager } from 'typeorm';
import { briefsOf, NO_BRIEF } from '../dispatching/request-briefs.query';
import { ReturnEntity } from './returns.entities';
import { ListReturns } from './returns.schemas';
import { toReturnView } from './returns.views';

/**
 * `GET /v1/returns`: the tenant's returns across requests, each with its request's brief fields.
 * In review: oldest first (the dispute-review queue); decided: latest decision first; every
 * status: latest filed first.
 */
export async function listReturns(manager: EntityManager, q: ListReturns) {
  const query = manager.getRepository(ReturnEntity).createQueryBuilder('r');
  if (q.status) query.where('r.status = :status', { status: q.status });
  if (q.status === 'in-review') query.orderBy('r.returned_at', 'ASC').addOrderBy('r.id', 'ASC');
  else if (q.status) query.orderBy('r.decided_at', 'DESC').addOrderBy('r.id', 'DESC');
  else query.orderBy('r.returned_at', 'DESC').addOrderBy('r.id', 'DESC');
  const [rows, total] = await query.take(q.limit).skip(q.offset).getManyAndCount();
  const briefs = await briefsOf(manager, rows.map((r) => r.requestId));
  return {
    items: rows.map((r) => ({ ...toReturnView(r), request: briefs.get(r.requestId) ?? NO_BRIEF })),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

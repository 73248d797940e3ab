import { EntityManager } from 'typeorm';
import { canSee, visibleUnitCode, type Viewer } from '@hotline/handling-domain';
import { ProblemError } from '@hotline/platform';
import { findSupervision, listSupervisions, SupervisionOrder } from './supervision.repository';
import { ListSupervisions } from './supervision.schemas';
import { toSupervisionView } from './supervision.views';

/** One order the caller may see (the hotline: all; a unit: its own); otherwise a 404. */
export async function findVisibleSupervision(manager: EntityManager, viewer: Viewer, id: string, forUpdate = false): Promise<SupervisionOrder> {
  const supervision = await findSupervision(manager, id, forUpdate);
  if (!supervision || !canSee(viewer, supervision.unitCode)) throw ProblemError.notFound(`supervision order ${id}`);
  return supervision;
}

/** A page of the orders the caller may see, newest first. */
export async function supervisionPage(manager: EntityManager, viewer: Viewer, q: ListSupervisions) {
  const { total, items } = await listSupervisions(manager, { ...q, unitCode: visibleUnitCode(viewer) });
  return { total, limit: q.limit, offset: q.offset, items: items.map(toSupervisionView) };
}

import { EntityManager } from 'typeorm';
import { canSee, Viewer, visibleUnitCode } from '@hotline/handling-domain';
import { ProblemError } from '@hotline/platform';
import { WorkOrderEntity } from './work-order.entity';
import { findWorkOrder, listWorkOrders } from './work-orders.repository';
import { ListWorkOrders } from './work-orders.schemas';
import { toWorkOrderView } from './work-orders.views';

/** Newest first; unit staff get their own unit's orders only (RLS scopes the tenant). */
export async function listVisibleWorkOrders(manager: EntityManager, viewer: Viewer, query: ListWorkOrders) {
  const unitCode = visibleUnitCode(viewer);
  if (unitCode === '') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const [items, total] = await listWorkOrders(manager, { ...query, unitCode });
  return { items: items.map(toWorkOrderView), total, limit: query.limit, offset: query.offset };
}

/** The order if the viewer may see it, locked for update when asked; otherwise a 404 problem. */
export async function findVisibleWorkOrder(manager: EntityManager, viewer: Viewer, id: string, forUpdate = false): Promise<WorkOrderEntity> {
  const order = await findWorkOrder(manager, id, forUpdate);
  if (!order || !canSee(viewer, order.unitCode)) throw ProblemError.notFound(`work order ${id}`);
  return order;
}

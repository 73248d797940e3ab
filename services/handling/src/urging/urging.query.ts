import { EntityManager } from 'typeorm';
import type { Viewer } from '@hotline/handling-domain';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { urgesOf } from './urging.repository';
import { toUrgeView } from './urging.views';

/** The order's urges, oldest first, for whoever may see the order (its unit, the hotline). */
export async function urgesOfWorkOrder(manager: EntityManager, viewer: Viewer, workOrderId: string) {
  const order = await findVisibleWorkOrder(manager, viewer, workOrderId);
  const urges = await urgesOf(manager, order.id);
  return { workOrderId: order.id, total: urges.length, items: urges.map(toUrgeView) };
}

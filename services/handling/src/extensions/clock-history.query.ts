import { EntityManager } from 'typeorm';
import { Identity } from '@hotline/platform';
import { pausesOf } from '../clocks/clocks.repository';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { extensionsOf } from './extensions.repository';
import { toClockHistoryView } from './extensions.views';

/** The handling clock's history of an order the caller may see: its start, extensions and pauses. */
export async function clockHistory(manager: EntityManager, who: Identity, id: string) {
  const order = await findVisibleWorkOrder(manager, who, id);
  return toClockHistoryView(order, await extensionsOf(manager, order.id), await pausesOf(manager, order.id));
}

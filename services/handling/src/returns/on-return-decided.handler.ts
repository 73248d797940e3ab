import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { cancelWorkOrder } from '../work-orders/cancel-work-order';
import { openOrdersOfRequest } from '../work-orders/work-orders.repository';

/**
 * dispatch's ReturnDecided. Accepted: the returning unit's open order is cancelled with its timers
 * (reason return-accepted), so it can no longer act on it and no overdue flag counts against it;
 * the re-dispatch (改派) creates the next unit's order. Rejected: nothing changes here: the unit
 * keeps its order and its clocks ran all along. A redelivered decision finds nothing open.
 */
export const onReturnDecided = onEvent(Events.dispatch.returnDecided, 'return-decided', async (event, manager, ctx) => {
  const decision = event.payload;
  if (decision.outcome !== 'accepted' || !decision.requestId || !decision.unit?.unitId) return;
  const cancelledAt = new Date();
  for (const order of await openOrdersOfRequest(manager, decision.requestId))
    if (order.unitId === decision.unit.unitId) await cancelWorkOrder(manager, ctx.outbox, order, 'return-accepted', cancelledAt);
});

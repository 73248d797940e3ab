import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { reopenedOrderOf } from './case-file.mapping';
import { recordReopenedOrder } from './case-file.repository';

/** revisit--hl-handling-v1--case-file: the rework due of an order whose answer failed review. */
export const onWorkOrderReopened = onEvent(Events.handling.workOrderReopened, 'case-file', (event, manager) =>
  recordReopenedOrder(manager, event.tenantId, reopenedOrderOf(event.payload)),
);

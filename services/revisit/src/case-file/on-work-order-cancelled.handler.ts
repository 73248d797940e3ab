import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { cancelledOrderOf } from './case-file.mapping';
import { recordCancelledOrder } from './case-file.repository';

/** revisit--hl-handling-v1--case-file: an order ended without an answer to review (its request closed). */
export const onWorkOrderCancelled = onEvent(Events.handling.workOrderCancelled, 'case-file', (event, manager) =>
  recordCancelledOrder(manager, event.tenantId, cancelledOrderOf(event.payload)),
);

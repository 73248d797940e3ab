import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { signedOrderOf } from './case-file.mapping';
import { recordSignedOrder } from './case-file.repository';

/** revisit--hl-handling-v1--case-file: when and by whom the unit signed for the order (签收). */
export const onWorkOrderSigned = onEvent(Events.handling.workOrderSigned, 'case-file', (event, manager) =>
  recordSignedOrder(manager, event.tenantId, signedOrderOf(event.payload)),
);

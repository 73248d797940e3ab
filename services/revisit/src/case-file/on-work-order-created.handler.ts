import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { createdOrderOf } from './case-file.mapping';
import { recordCreatedOrder } from './case-file.repository';
import { recordBrief } from './record-brief';

/** revisit--hl-handling-v1--case-file: a work order's unit, role and first dues. */
export const onWorkOrderCreated = onEvent(Events.handling.workOrderCreated, 'case-file', async (event, manager, ctx) => {
  const created = event.payload;
  if (!created.request?.requestId) throw new Error('WorkOrderCreated carries no request');
  await recordCreatedOrder(manager, event.tenantId, createdOrderOf(created));
  await recordBrief(manager, ctx.outbox, event.tenantId, created.request, 'handling');
});

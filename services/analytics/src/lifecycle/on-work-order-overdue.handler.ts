import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { workOrderOverdueOf } from './lifecycle.mappings';
import { recordOverdue } from './work-order-facts.repository';

/** A clock (sign-for, handling or rework) breached, as handling's timer found it. */
export const onWorkOrderOverdue = onEvent(Events.handling.workOrderOverdue, STREAM_CONSUMER, async (event, manager) => {
  const { ref, clock } = workOrderOverdueOf(event.payload);
  await recordOverdue(manager, event.tenantId, ref, clock);
});

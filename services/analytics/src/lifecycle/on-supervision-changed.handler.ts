import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { supervisionOpenedOf } from './lifecycle.mappings';
import { recordSupervision } from './work-order-facts.repository';

export const onSupervisionChanged = onEvent(Events.handling.supervisionChanged, STREAM_CONSUMER, async (event, manager) => {
  const opened = supervisionOpenedOf(event.payload);
  if (opened) await recordSupervision(manager, event.tenantId, opened);
});

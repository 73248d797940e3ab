import { handlingEventsV1 } from '@hotline/contracts';
import { EventHandler } from '@hotline/platform';
import { recordAnswer } from './reviews';

/** revisit--hl-handling-v1--work-order-answered: every answer (and reworked answer) awaits 复核. */
export const onWorkOrderAnswered: EventHandler = (event, manager) =>
  recordAnswer(manager, event.tenantId, event.payload as handlingEventsV1.WorkOrderAnswered);

import type { handlingEventsV1 } from '@hotline/contracts';
import type { SupervisionStep } from '@hotline/vocabulary';
import type { SupervisionOrder } from './supervision.repository';

export function supervisionChangedEvent(s: SupervisionOrder, step: SupervisionStep, at: Date, by: string): handlingEventsV1.SupervisionChanged {
  return {
    supervisionId: s.id,
    workOrderId: s.workOrderId,
    requestId: s.requestId,
    unitId: s.unitId,
    source: s.source,
    step,
    state: s.state,
    replyDueAt: s.replyDueAt.toISOString(),
    at: at.toISOString(),
    by,
    replyOverdue: s.replyOverdue,
  };
}

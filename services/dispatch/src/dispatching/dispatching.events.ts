import type { commonV1, dispatchEventsV1 } from '@hotline/contracts';
import { DispatchEntity, DispatchQueueEntity } from './dispatch.entities';

export function requestDispatchedEvent(brief: commonV1.RequestBrief, d: DispatchEntity): dispatchEventsV1.RequestDispatched {
  return {
    request: brief,
    assignments: d.assignments,
    mode: d.mode,
    catalogVersion: d.catalogVersion,
    dispatchedAt: d.dispatchedAt.toISOString(),
    dispatchedBy: d.dispatchedBy,
    attempt: d.attempt,
    designated: d.designated,
  };
}

export function requestQueuedEvent(item: Pick<DispatchQueueEntity, 'brief' | 'reason' | 'queuedAt'>): dispatchEventsV1.RequestQueuedForManualDispatch {
  return { request: item.brief, reason: item.reason, queuedAt: item.queuedAt.toISOString() };
}

import { queueClockLevel } from '@hotline/dispatch-domain';
import { maskPersonalData } from '@hotline/privacy';
import type { QueueClockLevel } from '@hotline/vocabulary';
import { DispatchEntity } from './dispatch.entities';
import type { QueueItemRow } from './dispatching.repository';

export function toDispatchView(d: DispatchEntity) {
  return {
    requestId: d.requestId,
    mode: d.mode,
    catalogVersion: d.catalogVersion,
    assignments: d.assignments,
    dispatchedAt: d.dispatchedAt.toISOString(),
    dispatchedBy: d.dispatchedBy,
    attempt: d.attempt,
    designated: d.designated,
    firstResponsible: d.firstResponsible ?? false,
    excludedUnitIds: d.excludedUnitIds,
  };
}

/**
 * A waiting request as a dispatcher sees it: what places it, never who the requester is. The
 * title is masked again here: stored briefs are masked, but a replica of the previous release may
 * still queue a clear one while an upgrade rolls.
 */
export interface QueueItemView {
  requestId: string;
  number: string;
  title: string;
  categoryCode: string;
  areaCode: string;
  requestType: string;
  urgency: string;
  reason: string;
  queuedAt: string;
  /** When the tenant's dispatch limit runs out; null for an entry queued before the clock. */
  dueAt: string | null;
  /** Where the entry stands on its dispatch limit now (QUEUE_CLOCK_LEVELS); null without a due. */
  clockLevel: QueueClockLevel | null;
}

export function toQueueItemView(item: QueueItemRow, now = new Date()): QueueItemView {
  const b = item.brief;
  return {
    requestId: item.requestId,
    number: b.number,
    title: maskPersonalData(b.title),
    categoryCode: b.categoryCode,
    areaCode: b.areaCode,
    requestType: b.requestType,
    urgency: b.urgency,
    reason: item.reason,
    queuedAt: item.queuedAt.toISOString(),
    dueAt: item.dueAt?.toISOString() ?? null,
    clockLevel: queueClockLevel(item, now),
  };
}

// Request statuses at intake and how lifecycle events move them (docs/lifecycle.md,
// "Request statuses"). Events come from three streams, so across streams they may arrive out
// of order: a status only moves forward, except the rework step answered → in-progress.

export const REQUEST_STATUSES = [
  'registered',
  'awaiting-dispatch',
  'dispatched',
  'in-progress',
  'answered',
  'reviewed',
  'revisited',
  'closed',
  'not-accepted',
  'archived',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const RANK: Record<RequestStatus, number> = {
  registered: 0,
  'awaiting-dispatch': 1,
  dispatched: 2,
  'in-progress': 3,
  answered: 4,
  reviewed: 5,
  revisited: 6,
  closed: 7,
  // Closed at intake as out of scope: as final as `closed`, only archiving follows.
  'not-accepted': 7,
  archived: 8,
};

export const LIFECYCLE_EVENT_KINDS = [
  'queued-for-manual-dispatch',
  'dispatched',
  'work-order-created',
  'work-order-signed',
  'work-order-answered',
  'work-order-overdue',
  'work-order-reopened',
  'answer-reviewed',
  'revisit-recorded',
  'request-closed',
  'request-archived',
] as const;
export type LifecycleEventKind = (typeof LIFECYCLE_EVENT_KINDS)[number];

export interface LifecycleFact {
  kind: LifecycleEventKind;
  /** The event concerns the request's primary (主办) unit. */
  fromPrimaryUnit?: boolean;
  /** AnswerReviewed: whether the answer passed review. */
  passed?: boolean;
}

/** The status an event asks for, before the ordering rule; undefined when it sets none. */
export function targetStatus(fact: LifecycleFact): RequestStatus | undefined {
  const primary = fact.fromPrimaryUnit === true;
  switch (fact.kind) {
    case 'queued-for-manual-dispatch':
      return 'awaiting-dispatch';
    case 'dispatched':
      return 'dispatched';
    case 'work-order-signed':
      return primary ? 'in-progress' : undefined;
    case 'work-order-answered':
      return primary ? 'answered' : undefined;
    case 'work-order-reopened':
      return primary ? 'in-progress' : undefined;
    case 'answer-reviewed':
      return primary && fact.passed === true ? 'reviewed' : undefined;
    case 'revisit-recorded':
      return 'revisited';
    case 'request-closed':
      return 'closed';
    case 'request-archived':
      return 'archived';
    case 'work-order-created':
    case 'work-order-overdue':
      return undefined;
  }
}

export function isForward(from: RequestStatus, to: RequestStatus): boolean {
  return RANK[to] > RANK[from];
}

/**
 * The new status after an event, or undefined when the status stays (no status for this
 * event, or a late event that would move the request backwards).
 */
export function nextStatus(current: RequestStatus, fact: LifecycleFact): RequestStatus | undefined {
  const target = targetStatus(fact);
  if (!target || target === current) return undefined;
  const rework = fact.kind === 'work-order-reopened' && current === 'answered';
  return rework || isForward(current, target) ? target : undefined;
}

/** Statuses after which the request counts as closed (closed_at is set). */
export function isClosedStatus(status: RequestStatus): boolean {
  return status === 'closed' || status === 'not-accepted' || status === 'archived';
}

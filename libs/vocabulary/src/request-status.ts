import { Label, oneOf } from './code-list';

/**
 * A request's status, owned by intake (ADR 0009): every other service learns it from intake's
 * RequestStatusChanged. In lifecycle order; `not-accepted` (out of scope) is as final as `closed`.
 */
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
  'merged',
  'transferred',
  'terminated',
  'archived',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const isRequestStatus = oneOf(REQUEST_STATUSES);

export const REQUEST_STATUS_LABELS: Record<RequestStatus, Label> = {
  registered: { zh: '已登记', en: 'Registered' },
  'awaiting-dispatch': { zh: '待派单', en: 'Awaiting dispatch' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  'in-progress': { zh: '办理中', en: 'In progress' },
  answered: { zh: '已答复', en: 'Answered' },
  reviewed: { zh: '已复核', en: 'Reviewed' },
  revisited: { zh: '已回访', en: 'Revisited' },
  closed: { zh: '已办结', en: 'Closed' },
  'not-accepted': { zh: '不予受理', en: 'Not accepted' },
  // 并单: a repeat of another request (its master), which it follows instead of being handled itself.
  merged: { zh: '已并单', en: 'Merged' },
  // 转办: handed to another hotline of the province (ADR 0027), which handles it under the same number.
  transferred: { zh: '已转出', en: 'Transferred' },
  // 诉求终结: ended by an approved termination (two-person rule); kept and counted apart, never
  // in a unit's assessment.
  terminated: { zh: '已终结', en: 'Terminated' },
  archived: { zh: '已归档', en: 'Archived' },
};

const RANK: Record<RequestStatus, number> = {
  registered: 0,
  'awaiting-dispatch': 1,
  dispatched: 2,
  'in-progress': 3,
  answered: 4,
  reviewed: 5,
  revisited: 6,
  closed: 7,
  'not-accepted': 7,
  merged: 7,
  transferred: 7,
  terminated: 7,
  archived: 8,
};

/** Position in the lifecycle; statuses only move to a higher rank, except the rework step. */
export function statusRank(status: RequestStatus): number {
  return RANK[status];
}

/** Statuses from which the request counts as closed (办结): its closed_at is set. */
export function isClosedStatus(status: RequestStatus): boolean {
  return RANK[status] >= RANK.closed;
}

/**
 * Why a status changed (RequestStatusChanged.reason): the fact that moved it. Scope decisions
 * taken at intake appear under their own codes (`direct-answer`, `legal-route` …).
 */
export const STATUS_CHANGE_REASONS = [
  'registered',
  'queued-for-manual-dispatch',
  'dispatched',
  'primary-signed',
  'primary-answered',
  'review-failed',
  'review-passed',
  'revisit-recorded',
  'revisit-closed',
  'direct-answer',
  'transfer-emergency',
  'legal-route',
  'explained',
  'refer-police',
  // A contact repeating a terminated matter, answered at intake with that termination's legal route.
  'terminated-matter',
  'merged',
  'transferred-out',
  'terminated',
  'archived',
] as const;
export type StatusChangeReason = (typeof STATUS_CHANGE_REASONS)[number];
export const isStatusChangeReason = oneOf(STATUS_CHANGE_REASONS);

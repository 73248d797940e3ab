// How a request's status moves (docs/lifecycle.md, "Request statuses"). intake owns the status:
// it decides every change here and announces it (RequestStatusChanged). Lifecycle events come
// from three streams, so across streams they may arrive out of order: a status only moves
// forward (vocabulary statusRank), except the rework step back to in-progress. What a fact
// stands for is decided apart from whether it moves the status, so a fact that arrives after
// the status has moved past it still has its step in the history (timeline.ts orders them).
import { AssignmentRole, RequestStatus, ScopeDecision, StatusChangeReason, statusRank } from '@hotline/vocabulary';

/** One move of the status; `from` is empty for the first status of a new request. */
export interface StatusChange {
  from: RequestStatus | '';
  to: RequestStatus;
  reason: StatusChangeReason;
}

/** The status a fact stands for in the request's history (`to`) and why, whatever the current status. */
export type StatusStep = Omit<StatusChange, 'from'>;

/**
 * The status changes of a contact as it is registered (全量接收: every contact is first
 * `registered`), then closed at once for a direct answer or as not accepted when out of scope.
 */
export function registrationChanges(decision: ScopeDecision): StatusChange[] {
  const registered: StatusChange = { from: '', to: 'registered', reason: 'registered' };
  if (decision === 'in-scope') return [registered];
  if (decision === 'direct-answer') return [registered, { from: 'registered', to: 'closed', reason: 'direct-answer' }];
  // The out-of-scope outcomes are reasons of their own (transfer-emergency, legal-route, terminated-matter …).
  return [registered, { from: 'registered', to: 'not-accepted', reason: decision }];
}

export const LIFECYCLE_FACT_KINDS = [
  'queued-for-manual-dispatch',
  'dispatched',
  'work-order-created',
  'work-order-signed',
  'work-order-answered',
  'work-order-overdue',
  'work-order-reopened',
  'work-order-cancelled',
  'answer-reviewed',
  'revisit-recorded',
  'revisit-skipped',
  'request-closed',
  'request-archived',
  // Returns (退单) and their dispute review: steps of the history that move no status. An accepted
  // return is followed by a re-dispatch; the status does not step back to awaiting-dispatch,
  // because across streams the new unit's signing may already have arrived (docs/lifecycle.md).
  'return-filed',
  'return-decided',
  // A negotiation (协商) of the lead unit: opened, settled or lapsed; the dispatch that follows moves the status.
  'negotiation-changed',
  // A unit's handling clock moved: an extension (延期) decided, a pause (暂停计时) asked, started,
  // refused or ended. The request stays where it is; the due it is held to moved.
  'work-order-clock-changed',
] as const;
export type LifecycleFactKind = (typeof LIFECYCLE_FACT_KINDS)[number];

/** What another service's lifecycle event says about a request, as far as its status goes. */
export interface LifecycleFact {
  kind: LifecycleFactKind;
  /** When it happened, by the producer's clock. */
  at: Date;
  /** The unit whose work order or answer the event is about. */
  unitId?: string;
  /** The share of that unit's work order, when the event states it. */
  role?: AssignmentRole;
  /** The primary (主办) unit named by a dispatch. */
  primaryUnitId?: string;
  /** AnswerReviewed: whether the answer passed. */
  passed?: boolean;
  /** The record the event is about (work order, review, revisit, archive entry), when it has one. */
  entityId?: string;
  /** WorkOrderAnswered and WorkOrderReopened: the rework round the producer counted. */
  reworkCount?: number;
}

/** What intake keeps to decide the next status. */
export interface RequestProgress {
  status: RequestStatus;
  /** When the fact that set the current status happened. */
  statusSince: Date;
  primaryUnitId: string | null;
}

export interface ProgressUpdate {
  primaryUnitId: string | null;
  /** The status the fact stands for; undefined when it stands for none (an assisting order's step …). */
  standsFor?: StatusStep;
  /** The change of the current status; undefined when the status stays. */
  change?: StatusChange;
}

/**
 * The primary unit: a dispatch names it (a re-dispatch names the new one); an event about a
 * work order of the primary share also does while it is unknown, so handling's events that
 * overtake dispatch's still find it.
 */
function primaryUnitAfter(current: string | null, fact: LifecycleFact): string | null {
  if (fact.kind === 'dispatched') return fact.primaryUnitId || current;
  if (current) return current;
  return fact.role === 'primary' && fact.unitId ? fact.unitId : null;
}

/** The event is about the primary order: by its stated role, else by the primary unit. */
function concernsPrimary(fact: LifecycleFact, primaryUnitId: string | null): boolean {
  if (fact.role) return fact.role === 'primary';
  return Boolean(fact.unitId) && fact.unitId === primaryUnitId;
}

/** The status a fact stands for and why, before the ordering rule; undefined when it stands for none. */
function targetOf(fact: LifecycleFact, primary: boolean): StatusStep | undefined {
  switch (fact.kind) {
    case 'queued-for-manual-dispatch':
      return { to: 'awaiting-dispatch', reason: 'queued-for-manual-dispatch' };
    case 'dispatched':
      return { to: 'dispatched', reason: 'dispatched' };
    case 'work-order-signed':
      return primary ? { to: 'in-progress', reason: 'primary-signed' } : undefined;
    case 'work-order-answered':
      return primary ? { to: 'answered', reason: 'primary-answered' } : undefined;
    case 'work-order-reopened':
      return primary ? { to: 'in-progress', reason: 'review-failed' } : undefined;
    case 'answer-reviewed':
      return primary && fact.passed === true ? { to: 'reviewed', reason: 'review-passed' } : undefined;
    case 'revisit-recorded':
      return { to: 'revisited', reason: 'revisit-recorded' };
    case 'request-closed':
      return { to: 'closed', reason: 'revisit-closed' };
    case 'request-archived':
      return { to: 'archived', reason: 'archived' };
    case 'work-order-created':
    case 'work-order-overdue':
    case 'work-order-cancelled':
    case 'revisit-skipped':
    case 'return-filed':
    case 'return-decided':
    case 'negotiation-changed':
    case 'work-order-clock-changed':
      return undefined;
  }
}

/**
 * Rework (退回重办) is the one step back: an answered or reviewed request returns to
 * in-progress when its primary order is reopened, but only by a reopening later than the fact
 * that set the current status. An earlier one is stale: the review that passed the new answer
 * (revisit's stream) overtook handling's reopening, and going back would strand the request.
 */
function isRework(progress: RequestProgress, fact: LifecycleFact): boolean {
  return (
    fact.kind === 'work-order-reopened' &&
    (progress.status === 'answered' || progress.status === 'reviewed') &&
    fact.at.getTime() > progress.statusSince.getTime()
  );
}

/**
 * The progress after one lifecycle fact: its primary unit, the status the fact stands for, and
 * the change of the current status if it makes one.
 */
export function progressAfter(progress: RequestProgress, fact: LifecycleFact): ProgressUpdate {
  const primaryUnitId = primaryUnitAfter(progress.primaryUnitId, fact);
  const standsFor = targetOf(fact, concernsPrimary(fact, primaryUnitId));
  if (!standsFor) return { primaryUnitId };
  if (standsFor.to === progress.status) return { primaryUnitId, standsFor };
  const forward = statusRank(standsFor.to) > statusRank(progress.status);
  if (!forward && !isRework(progress, fact)) return { primaryUnitId, standsFor };
  return { primaryUnitId, standsFor, change: { from: progress.status, ...standsFor } };
}

import { commonV1, dispatchEventsV1, handlingEventsV1, intakeEventsV1 } from '@hotline/contracts';
import { maskPersonalData } from '@hotline/privacy';
import { CaseDispatch, CaseRequest, IntakeClosure, requesterTrace } from '@hotline/revisit-domain';
import { AssignmentRole, toAssignmentRole } from '@hotline/vocabulary';

// Event payloads → case-file facts. Proto3 has no absent strings, only empty ones: an empty
// instant or actor becomes null, so the archive says "not known" rather than "". Free text is
// filed masked whatever the event carries: a producer of an earlier release, or a replay of the
// stream (365 days of it), may still bring clear phones and id numbers.

/** An RFC 3339 instant from an event, in UTC with milliseconds; null when empty or unreadable. */
export function instant(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const textOrNull = (value: string | undefined) => (value ? value : null);

export function caseRequestOf(brief: commonV1.RequestBrief): CaseRequest {
  return {
    requestId: brief.requestId,
    number: brief.number,
    channel: brief.channel,
    requestType: brief.requestType,
    urgency: brief.urgency,
    categoryCode: brief.categoryCode,
    categoryPath: [...brief.categoryPath],
    taxonomyVersion: brief.taxonomyVersion,
    areaCode: brief.areaCode,
    title: maskPersonalData(brief.title),
    content: maskPersonalData(brief.content),
    receivedAt: instant(brief.receivedAt),
    requester: requesterTrace({
      maskedName: brief.requesterMaskedName,
      maskedPhone: brief.requesterMaskedPhone,
      anonymous: brief.anonymous,
      confidential: brief.confidential,
    }),
  };
}

/** `receivedAt` (when JetStream stored the event) stands in for a dispatch time the event lacks. */
export function caseDispatchOf(d: dispatchEventsV1.RequestDispatched, receivedAt: Date): CaseDispatch {
  return {
    mode: d.mode,
    catalogVersion: d.catalogVersion,
    assignments: d.assignments.map((a) => ({ unitId: a.unitId, unitName: a.unitName, unitCode: a.unitCode, role: toAssignmentRole(a.role) })),
    dispatchedAt: instant(d.dispatchedAt) ?? receivedAt.toISOString(),
    dispatchedBy: d.dispatchedBy,
  };
}

export function intakeClosureOf(c: intakeEventsV1.RequestClosedAtIntake, receivedAt: Date): IntakeClosure {
  return { outcome: c.outcome, detail: maskPersonalData(c.detail), closedAt: instant(c.closedAt) ?? receivedAt.toISOString(), closedBy: c.closedBy };
}

/** What every work-order event says: which order, of which request and unit. */
export interface OrderKey {
  workOrderId: string;
  requestId: string;
  unitId: string;
}

export interface CreatedOrder extends OrderKey {
  unitName: string;
  unitCode: string | null;
  role: AssignmentRole;
  createdAt: string | null;
  signDueAt: string | null;
  handleDueAt: string | null;
  dueProvisional: boolean;
}

export interface SignedOrder extends OrderKey {
  signedAt: string | null;
  signedBy: string | null;
}

/** A rework round's due: from WorkOrderReopened, and again from the answer given in that round. */
export interface ReworkDue {
  reworkRound: number;
  reworkDueAt: string | null;
}

export interface ReopenedOrder extends OrderKey, ReworkDue {
  handleDueAt: string | null;
}

export interface AnsweredOrder extends OrderKey, ReworkDue {
  role: AssignmentRole;
  handleDueAt: string | null;
}

export interface CancelledOrder extends OrderKey {
  role: AssignmentRole;
  reason: string;
  previousStatus: string;
  cancelledAt: string | null;
}

const keyOf = (e: { workOrderId: string; requestId: string; unitId: string }): OrderKey => ({
  workOrderId: e.workOrderId,
  requestId: e.requestId,
  unitId: e.unitId,
});

export function createdOrderOf(e: handlingEventsV1.WorkOrderCreated): CreatedOrder {
  return {
    workOrderId: e.workOrderId,
    requestId: e.request?.requestId ?? '',
    unitId: e.unitId,
    unitName: e.unitName,
    unitCode: textOrNull(e.unitCode),
    role: toAssignmentRole(e.role),
    createdAt: instant(e.createdAt),
    signDueAt: instant(e.signDueAt),
    handleDueAt: instant(e.handleDueAt),
    dueProvisional: e.dueProvisional,
  };
}

export function signedOrderOf(e: handlingEventsV1.WorkOrderSigned): SignedOrder {
  return { ...keyOf(e), signedAt: instant(e.signedAt), signedBy: textOrNull(e.signedBy) };
}

export function reopenedOrderOf(e: handlingEventsV1.WorkOrderReopened): ReopenedOrder {
  return { ...keyOf(e), handleDueAt: instant(e.handleDueAt), reworkRound: e.reworkCount, reworkDueAt: instant(e.reworkDueAt) };
}

export function answeredOrderOf(e: handlingEventsV1.WorkOrderAnswered): AnsweredOrder {
  return {
    ...keyOf(e),
    role: toAssignmentRole(e.role),
    handleDueAt: instant(e.handleDueAt),
    reworkRound: e.reworkCount,
    reworkDueAt: instant(e.reworkDueAt),
  };
}

export function cancelledOrderOf(e: handlingEventsV1.WorkOrderCancelled): CancelledOrder {
  return {
    ...keyOf(e),
    role: toAssignmentRole(e.role),
    reason: e.reason,
    previousStatus: e.previousStatus,
    cancelledAt: instant(e.cancelledAt),
  };
}

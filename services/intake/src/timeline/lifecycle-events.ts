import { dispatchEventsV1, Events, handlingEventsV1, revisitEventsV1 } from '@hotline/contracts';
import type { LifecycleEventKind } from '@hotline/intake-domain';
import type { ReceivedEvent } from '@hotline/platform';

/** What intake's timeline needs from one lifecycle event of another service. */
export interface LifecycleEvent {
  requestId: string;
  kind: LifecycleEventKind;
  at: Date;
  /** The unit the event is about (work orders, reviews). */
  unitId?: string;
  /** A unit the event names as primary (主办): dispatch assignments, primary work orders. */
  primaryUnitId?: string;
  passed?: boolean;
  /** Codes and unit names only, never PII or free text from citizens or units. */
  note: string;
}

function instant(value: string, fallback: Date): Date {
  const parsed = new Date(value);
  return value && !Number.isNaN(parsed.getTime()) ? parsed : fallback;
}

/** Reads a lifecycle event; undefined for events that are not about a request's life. */
export function toLifecycleEvent(event: ReceivedEvent): LifecycleEvent | undefined {
  const p = event.payload;
  const when = (value: string) => instant(value, event.publishedAt);
  switch (event.type) {
    case Events.dispatch.requestQueued.type: {
      const e = p as dispatchEventsV1.RequestQueuedForManualDispatch;
      return { requestId: e.request?.requestId ?? '', kind: 'queued-for-manual-dispatch', at: when(e.queuedAt), note: '' };
    }
    case Events.dispatch.requestDispatched.type: {
      const e = p as dispatchEventsV1.RequestDispatched;
      const primary = e.assignments.find((a) => a.role === 'primary');
      const units = e.assignments.map((a) => `${a.unitName || a.unitId} (${a.role})`).join(', ');
      return {
        requestId: e.request?.requestId ?? '',
        kind: 'dispatched',
        at: when(e.dispatchedAt),
        primaryUnitId: primary?.unitId,
        note: `${e.mode}: ${units}`,
      };
    }
    case Events.handling.workOrderCreated.type: {
      const e = p as handlingEventsV1.WorkOrderCreated;
      const primaryUnitId = e.role === 'primary' ? e.unitId : undefined;
      const base = { requestId: e.request?.requestId ?? '', kind: 'work-order-created' as const, at: when(e.createdAt) };
      return { ...base, unitId: e.unitId, primaryUnitId, note: `${e.unitName || e.unitId} (${e.role})` };
    }
    case Events.handling.workOrderSigned.type: {
      const e = p as handlingEventsV1.WorkOrderSigned;
      const note = e.onTime ? 'signed on time' : 'signed late';
      return { requestId: e.requestId, kind: 'work-order-signed', at: when(e.signedAt), unitId: e.unitId, note };
    }
    case Events.handling.workOrderAnswered.type: {
      const e = p as handlingEventsV1.WorkOrderAnswered;
      const primaryUnitId = e.role === 'primary' ? e.unitId : undefined;
      const note = `${e.role} answer, rework ${e.reworkCount}${e.onTime ? '' : ', late'}`;
      return { requestId: e.requestId, kind: 'work-order-answered', at: when(e.answeredAt), unitId: e.unitId, primaryUnitId, note };
    }
    case Events.handling.workOrderOverdue.type: {
      const e = p as handlingEventsV1.WorkOrderOverdue;
      return { requestId: e.requestId, kind: 'work-order-overdue', at: when(e.flaggedAt), unitId: e.unitId, note: `${e.clock} overdue` };
    }
    case Events.handling.workOrderReopened.type: {
      const e = p as handlingEventsV1.WorkOrderReopened;
      return { requestId: e.requestId, kind: 'work-order-reopened', at: when(e.reopenedAt), unitId: e.unitId, note: `rework ${e.reworkCount}` };
    }
    case Events.revisit.answerReviewed.type: {
      const e = p as revisitEventsV1.AnswerReviewed;
      const note = e.passed ? 'review passed' : 'review failed';
      return { requestId: e.requestId, kind: 'answer-reviewed', at: when(e.reviewedAt), unitId: e.unitId, passed: e.passed, note };
    }
    case Events.revisit.revisitRecorded.type: {
      const e = p as revisitEventsV1.RevisitRecorded;
      const note = `${e.method}: ${e.satisfaction}, ${e.resolved ? 'resolved' : 'unresolved'}`;
      return { requestId: e.requestId, kind: 'revisit-recorded', at: when(e.recordedAt), note };
    }
    case Events.revisit.requestClosed.type: {
      const e = p as revisitEventsV1.RequestClosed;
      return { requestId: e.requestId, kind: 'request-closed', at: when(e.closedAt), note: e.satisfaction };
    }
    case Events.revisit.requestArchived.type: {
      const e = p as revisitEventsV1.RequestArchived;
      return { requestId: e.requestId, kind: 'request-archived', at: when(e.archivedAt), note: `archive ${e.sequence}` };
    }
    default:
      return undefined;
  }
}

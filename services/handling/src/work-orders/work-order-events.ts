import { EntityManager } from 'typeorm';
import { EventDefinition, handlingEventsV1 } from '@hotline/contracts';
import { maskBriefText, maskReasons } from '@hotline/handling-domain';
import { Outbox } from '@hotline/platform';
import type { Clock } from '@hotline/vocabulary';
import { maskedAnswer } from './answer-text';
import { WorkOrderEntity } from './work-order.entity';

// The payloads of the events a work order emits, from the order as it is after the change.
// Every free text in them is masked: they go to JetStream and to four other databases.

const iso = (d: Date | null) => d?.toISOString() ?? '';
const ids = (o: WorkOrderEntity) => ({ workOrderId: o.id, requestId: o.requestId, unitId: o.unitId });

export function createdEvent(o: WorkOrderEntity): handlingEventsV1.WorkOrderCreated {
  return {
    workOrderId: o.id,
    request: maskBriefText(o.brief),
    unitId: o.unitId,
    unitCode: o.unitCode,
    unitName: o.unitName,
    role: o.role,
    signDueAt: iso(o.signDueAt),
    handleDueAt: iso(o.handleDueAt),
    createdAt: iso(o.createdAt),
    dueProvisional: o.dueProvisional,
  };
}

export function signedEvent(o: WorkOrderEntity, onTime: boolean): handlingEventsV1.WorkOrderSigned {
  const fromSign = o.handlingClockStart === 'sign-for' ? { handleStartedAt: iso(o.handleStartedAt), handleDueAt: iso(o.handleDueAt) } : {};
  return { ...ids(o), signedAt: iso(o.signedAt), signedBy: o.signedBy ?? '', onTime, ...fromSign };
}

export function answeredEvent(
  o: WorkOrderEntity,
  timing: { onTime: boolean; reworkOnTime: boolean },
  handlingWorkingHours: number,
): handlingEventsV1.WorkOrderAnswered {
  const texts = maskedAnswer(o);
  return {
    ...ids(o),
    role: o.role,
    answer: texts.answer ?? '',
    basis: texts.basis ?? '',
    contactRecord: texts.contactRecord ?? '',
    answeredAt: iso(o.answeredAt),
    answeredBy: o.answeredBy ?? '',
    signedOffBy: o.signedOffBy ?? '',
    onTime: timing.onTime,
    reworkOnTime: timing.reworkOnTime,
    reworkCount: o.reworkCount,
    handleDueAt: iso(o.handleDueAt),
    reworkDueAt: iso(o.reworkDueAt),
    handlingWorkingHours,
  };
}

export function reopenedEvent(o: WorkOrderEntity, reasons: readonly string[]): handlingEventsV1.WorkOrderReopened {
  return {
    ...ids(o),
    reasons: maskReasons(reasons.slice(0, 50)),
    reworkCount: o.reworkCount,
    handleDueAt: iso(o.handleDueAt),
    reworkDueAt: iso(o.reworkDueAt),
    reopenedAt: iso(o.reopenedAt),
  };
}

export function overdueEvent(o: WorkOrderEntity, clock: Clock, dueAt: Date, flaggedAt: Date): handlingEventsV1.WorkOrderOverdue {
  return { ...ids(o), clock, dueAt: iso(dueAt), flaggedAt: iso(flaggedAt) };
}

export function cancelledEvent(o: WorkOrderEntity, previousStatus: string): handlingEventsV1.WorkOrderCancelled {
  return { ...ids(o), role: o.role, reason: o.cancelReason ?? '', previousStatus, cancelledAt: iso(o.cancelledAt), ...(o.cancelledBy ? { cancelledBy: o.cancelledBy } : {}) };
}

export function duesRecomputedEvent(o: WorkOrderEntity, year: number, recomputedAt: Date): handlingEventsV1.WorkOrderDuesRecomputed {
  return {
    ...ids(o),
    signDueAt: iso(o.signDueAt),
    handleDueAt: iso(o.handleDueAt),
    reworkDueAt: iso(o.reworkDueAt),
    dueProvisional: o.dueProvisional,
    year,
    recomputedAt: iso(recomputedAt),
  };
}

export function dataMissingEvent(
  o: WorkOrderEntity,
  years: readonly number[],
  dueAt: Date,
  detectedAt: Date,
): handlingEventsV1.CalendarDataMissing {
  return { years: [...years], workOrderId: o.id, requestId: o.requestId, dueAt: iso(dueAt), detectedAt: iso(detectedAt) };
}

/** Appends one of the order's events to the outbox, in the caller's transaction. */
export function appendWorkOrderEvent<T>(
  manager: EntityManager,
  outbox: Outbox,
  event: EventDefinition<T>,
  order: WorkOrderEntity,
  payload: T,
): Promise<string> {
  return outbox.append(manager, { event, tenantId: order.tenantId, aggregateType: 'work-order', aggregateId: order.id, payload });
}

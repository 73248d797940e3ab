import type { dispatchEventsV1 } from '@hotline/contracts';
import { instantOrNull, receiptDay } from '@hotline/analytics-domain';
import { type DispatchMode, isDispatchMode, isReturnStatus, type ReturnStatus } from '@hotline/vocabulary';

/** One dispatch attempt of a request as the dispatch figures count it: its primary unit and how it was made. */
export interface DispatchAttemptFact {
  requestId: string;
  /** 1 for the first dispatch; events from before attempts were counted are taken as the first. */
  attempt: number;
  unitId: string;
  unitCode: string | null;
  unitName: string | null;
  mode: DispatchMode;
  designated: boolean;
  dispatchedAt: Date;
  /** The local day of the dispatch in the tenant's time zone (Asia/Shanghai until known), which the figures filter on. */
  day: string;
}

/** A return (退单) of one attempt, and what the dispute review made of it. */
export interface ReturnFact {
  returnId: string;
  requestId: string;
  attempt: number;
  unitId: string;
  unitCode: string | null;
  reasonCode: string;
  status: ReturnStatus;
  filedAt: Date | null;
  decidedAt: Date | null;
}

const textOrNull = (value: string | undefined): string | null => (value ? value : null);
const attemptOf = (value: number | undefined): number => (value && value > 0 ? value : 1);

/** RequestDispatched: the attempt and its primary (主办) unit; a dispatch naming no primary unit is not counted. */
export function dispatchAttemptOf(e: dispatchEventsV1.RequestDispatched, publishedAt: Date, timeZone?: string): DispatchAttemptFact | null {
  const primary = e.assignments.find((a) => a.role === 'primary') ?? e.assignments[0];
  const requestId = e.request?.requestId;
  if (!primary?.unitId || !requestId) return null;
  // An event without a readable time counts on the day dispatch published it.
  const dispatchedAt = instantOrNull(e.dispatchedAt) ?? publishedAt;
  return {
    requestId,
    attempt: attemptOf(e.attempt),
    unitId: primary.unitId,
    unitCode: textOrNull(primary.unitCode),
    unitName: textOrNull(primary.unitName),
    // An event from before modes were stated, or of a mode this build does not know, counts as catalog.
    mode: isDispatchMode(e.mode) ? e.mode : 'catalog',
    designated: e.designated === true,
    dispatchedAt,
    day: receiptDay(dispatchedAt.toISOString(), timeZone) as string,
  };
}

/** ReturnFiled: the primary unit returned its order; it is in dispute review. */
export function returnFiledOf(e: dispatchEventsV1.ReturnFiled, publishedAt: Date): ReturnFact {
  return {
    returnId: e.returnId,
    requestId: e.requestId,
    attempt: attemptOf(e.attempt),
    unitId: e.unit?.unitId ?? '',
    unitCode: textOrNull(e.unit?.unitCode),
    reasonCode: e.reasonCode,
    status: 'in-review',
    filedAt: instantOrNull(e.returnedAt) ?? publishedAt,
    decidedAt: null,
  };
}

/** ReturnDecided: accepted (the unit is excluded, a re-dispatch follows) or rejected (the unit handles it). */
export function returnDecidedOf(e: dispatchEventsV1.ReturnDecided, publishedAt: Date): ReturnFact | null {
  if (!isReturnStatus(e.outcome) || e.outcome === 'in-review') return null;
  return {
    returnId: e.returnId,
    requestId: e.requestId,
    attempt: attemptOf(e.attempt),
    unitId: e.unit?.unitId ?? '',
    unitCode: textOrNull(e.unit?.unitCode),
    reasonCode: e.reasonCode,
    status: e.outcome,
    filedAt: null,
    decidedAt: instantOrNull(e.decidedAt) ?? publishedAt,
  };
}

import type { linkageEventsV1 } from '@hotline/contracts';
import { instantOrNull, receiptDay } from '@hotline/analytics-domain';

/** One transfer as the figures count it. */
export interface TransferFact {
  transferId: string;
  requestId: string;
  direction: string;
  counterpart: string;
  method: string;
  state: string;
  declineReason: string | null;
  offeredAt: Date;
  /** The local day it was offered, in the tenant's time zone (Asia/Shanghai until known). */
  day: string;
  decidedAt: Date | null;
}

const textOrNull = (value: string | undefined): string | null => (value ? value : null);

function offeredOn(offeredAt: string | undefined, publishedAt: Date, timeZone?: string): { offeredAt: Date; day: string } {
  // An event without a readable time counts on the day intake published it.
  const at = instantOrNull(offeredAt) ?? publishedAt;
  return { offeredAt: at, day: receiptDay(at.toISOString(), timeZone) as string };
}

/** TransferOffered: 12345 offered a request to a counterpart and waits for its decision. */
export function offeredTransferOf(e: linkageEventsV1.TransferOffered, publishedAt: Date, timeZone?: string): TransferFact {
  return {
    transferId: e.transferId,
    requestId: e.requestId,
    direction: 'outgoing',
    counterpart: e.counterpart,
    method: e.method,
    state: 'offered',
    declineReason: null,
    ...offeredOn(e.offeredAt, publishedAt, timeZone),
    decidedAt: null,
  };
}

/** TransferDecided: accepted, declined or expired, either way (an incoming one is accepted at once). */
export function decidedTransferOf(e: linkageEventsV1.TransferDecided, publishedAt: Date, timeZone?: string): TransferFact {
  return {
    transferId: e.transferId,
    requestId: e.requestId,
    direction: e.direction || 'outgoing',
    counterpart: e.counterpart,
    method: e.method,
    state: e.state,
    declineReason: e.state === 'declined' ? (textOrNull(e.declineReason) ?? 'other') : null,
    ...offeredOn(e.offeredAt, publishedAt, timeZone),
    decidedAt: instantOrNull(e.decidedAt) ?? publishedAt,
  };
}

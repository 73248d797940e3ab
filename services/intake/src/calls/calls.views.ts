import { maskPhone } from '@hotline/intake-domain';
import { PiiCipher } from '@hotline/platform';
import { CALL_OUTCOME_LABELS, CALLBACK_STATE_LABELS } from '@hotline/vocabulary';
import type { CallRecord } from './call-records.repository';
import type { Callback, CallbackAttempt } from './callbacks.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The number masked (138****5678), decrypted in memory only; null when the caller withheld it. */
const masked = (cipher: PiiCipher, tenantId: string, blob: Buffer | null) => {
  const clear = cipher.decryptOptional(tenantId, blob);
  return clear === undefined ? null : maskPhone(clear);
};

/** A call record as staff (and the telephony's retries) see it: never the number in clear. */
export function toCallRecordView(cipher: PiiCipher, r: CallRecord) {
  return {
    id: r.id,
    callId: r.callId,
    callerNumberMasked: masked(cipher, r.tenantId, r.callerNumberEnc),
    agentId: r.agentId,
    queue: r.queue,
    offeredAt: iso(r.offeredAt),
    answeredAt: iso(r.answeredAt),
    endedAt: iso(r.endedAt),
    waitSeconds: Math.round(((r.answeredAt ?? r.endedAt).getTime() - r.offeredAt.getTime()) / 100) / 10,
    outcome: r.outcome,
    outcomeLabel: CALL_OUTCOME_LABELS[r.outcome],
    recordingRef: r.recordingRef,
    requestId: r.requestId,
    requestNumber: r.requestNumber,
    recordedAt: iso(r.recordedAt),
    outcomeMarkedBy: r.outcomeMarkedBy,
    outcomeMarkedAt: iso(r.outcomeMarkedAt),
    callbackId: r.callbackId,
  };
}

/** A callback item: the masked number, its clock and who holds it. */
export function toCallbackView(cipher: PiiCipher, c: Callback, now: Date = new Date()) {
  return {
    id: c.id,
    state: c.state,
    stateLabel: CALLBACK_STATE_LABELS[c.state],
    callerNumberMasked: masked(cipher, c.tenantId, c.callerNumberEnc),
    queue: c.queue,
    abandonedCalls: c.abandonedCalls,
    firstCallId: c.firstCallId,
    lastCallId: c.lastCallId,
    firstAbandonedAt: iso(c.firstAbandonedAt),
    lastAbandonedAt: iso(c.lastAbandonedAt),
    dueAt: iso(c.dueAt),
    overdue: c.overdueAt !== null,
    overdueAt: iso(c.overdueAt),
    // Until the timer marks it: an open item past its due is overdue already for whoever looks.
    pastDue: c.closedAt === null && c.dueAt.getTime() <= now.getTime(),
    claimedBy: c.claimedBy,
    claimedAt: iso(c.claimedAt),
    attempts: c.attempts,
    result: c.result,
    requestNumber: c.requestNumber,
    closedAt: iso(c.closedAt),
    closedBy: c.closedBy,
    closedByCallId: c.closedByCallId,
    closeNote: c.closeNote,
  };
}

export function toCallbackDetailView(cipher: PiiCipher, c: Callback, attempts: CallbackAttempt[]) {
  return { ...toCallbackView(cipher, c), attemptLog: attempts.map((a) => ({ ...a, at: iso(a.at) })) };
}

import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Identity, Outbox, PiiCipher, ProblemError, Timers, uuidv7 } from '@hotline/platform';
import type { RequesterMatchKeys } from '../duplicates/requester-match-keys';
import { announceCallbackResolved, announceCallRecorded, CallbackLink } from './call-events';
import { CallPolicy, wantsCallback } from './call-policy';
import { loadCallPolicy } from './call-policy.repository';
import { answeredSince, CallRecord, findCallRecord, insertCallRecord, linkCallback, requestIdOfNumber } from './call-records.repository';
import { closeCallback, lockOpenCallbackOf, openOrJoinCallback } from './callbacks.repository';
import type { CallRecordInput } from './calls.schemas';
import { CALLBACK_OVERDUE_TIMER } from './callback-overdue.timer';

export interface RecordedCall {
  record: CallRecord;
  /** False when the call id was recorded already with the same content (a retry): nothing changed. */
  created: boolean;
}

/**
 * The telephony system reports a call that entered an agent queue, once it ended (全量接收). Its
 * call id is the natural key: the same call reported again with the same content returns the
 * first record and changes nothing; the same id with other content is a 409, never an overwrite.
 * In the same transaction an abandoned call (with a number, not a short abandon unless the
 * tenant says so) opens the caller's callback item or joins their open one, and an answered call
 * closes the caller's open item (caller-returned). The number is stored encrypted, beside its
 * keyed hash, which is what every match uses. A new record is announced (CallRecorded, with the
 * policy's thresholds it counts under, and CallbackResolved for an item it closed); a retry
 * announces nothing.
 */
export async function recordCall(
  manager: EntityManager,
  outbox: Outbox,
  cipher: PiiCipher,
  keys: RequesterMatchKeys,
  who: Identity,
  input: CallRecordInput,
  now: Date = new Date(),
): Promise<RecordedCall> {
  const callerKey = keys.phoneKey(who.tenantId, input.callerNumber);
  const contentHash = contentHashOf(input, callerKey);
  const known = await sameCallOrConflict(manager, input.callId, contentHash);
  if (known) return { record: known, created: false };
  const requestId = input.requestNumber === undefined ? null : await requestIdOfNumber(manager, input.requestNumber);
  if (input.requestNumber !== undefined && !requestId)
    throw ProblemError.validation([{ field: 'requestNumber', message: 'no request of this hotline has this number' }]);
  const record: CallRecord = {
    id: uuidv7(),
    tenantId: who.tenantId,
    callId: input.callId,
    contentHash,
    callerNumberEnc: cipher.encryptOptional(who.tenantId, input.callerNumber),
    callerKey,
    agentId: input.agentId ?? null,
    queue: input.queue,
    offeredAt: new Date(input.offeredAt),
    answeredAt: input.answeredAt === undefined ? null : new Date(input.answeredAt),
    endedAt: new Date(input.endedAt),
    outcome: input.outcome,
    recordingRef: input.recordingRef ?? null,
    requestId: requestId ?? null,
    requestNumber: input.requestNumber ?? null,
    recordedBy: who.subject,
    recordedAt: now,
    outcomeMarkedBy: null,
    outcomeMarkedAt: null,
    callbackId: null,
  };
  if (!(await insertCallRecord(manager, record))) {
    // Another report of the same call committed meanwhile: the same answer as if it had come first.
    const raced = await sameCallOrConflict(manager, input.callId, contentHash);
    if (raced) return { record: raced, created: false };
  }
  const policy = await loadCallPolicy(manager);
  const callback = await callbackOf(manager, outbox, record, policy, now);
  record.callbackId = callback?.id ?? null;
  if (record.callbackId) await linkCallback(manager, record.id, record.callbackId);
  await announceCallRecorded(manager, outbox, record, policy, callback);
  return { record, created: true };
}

/** The item an abandon opened or joined, or the one an answer closed; null when none. */
async function callbackOf(manager: EntityManager, outbox: Outbox, call: CallRecord, policy: CallPolicy, now: Date): Promise<CallbackLink | null> {
  if (!call.callerKey || !call.callerNumberEnc) return null;
  if (call.answeredAt) {
    const open = await lockOpenCallbackOf(manager, call.callerKey, call.answeredAt);
    if (!open) return null;
    await closeCallback(manager, open.id, { state: 'caller-returned', at: now, by: 'system:intake', byCallId: call.callId });
    await Timers.cancel(manager, CALLBACK_OVERDUE_TIMER, open.id);
    await announceCallbackResolved(manager, outbox, { ...open, state: 'caller-returned', closedAt: now, closedBy: 'system:intake', closedByCallId: call.callId });
    return { id: open.id, opened: false, dueAt: open.dueAt };
  }
  if (!wantsCallback({ offeredAt: call.offeredAt, endedAt: call.endedAt, hasCallerNumber: true }, policy)) return null;
  // Reported late: the caller got through since, so there is nobody left to call back.
  if (await answeredSince(manager, call.callerKey, call.endedAt)) return null;
  const dueAt = new Date(call.endedAt.getTime() + policy.callbackDueMinutes * 60_000);
  const { callback, created } = await openOrJoinCallback(manager, {
    id: uuidv7(),
    tenantId: call.tenantId,
    callerKey: call.callerKey,
    callerNumberEnc: call.callerNumberEnc,
    queue: call.queue,
    callId: call.callId,
    abandonedAt: call.endedAt,
    dueAt,
    now,
  });
  if (created) await Timers.schedule(manager, { tenantId: call.tenantId, kind: CALLBACK_OVERDUE_TIMER, key: callback.id, dueAt, payload: { callbackId: callback.id } });
  return { id: callback.id, opened: created, dueAt: callback.dueAt };
}

async function sameCallOrConflict(manager: EntityManager, callId: string, contentHash: string): Promise<CallRecord | undefined> {
  const known = await findCallRecord(manager, callId);
  if (known && known.contentHash !== contentHash)
    throw new ProblemError(409, 'call_id_reused', 'Call id reused', `call ${callId} was recorded already with other content; a call is recorded once`);
  return known;
}

/**
 * What makes two reports the same call: every field as sent, instants as UTC, the number by its
 * keyed hash (the ciphertext differs each time; the hash alone tells nothing of the number).
 */
function contentHashOf(input: CallRecordInput, callerKey: string | null): string {
  const instant = (s: string | undefined) => (s === undefined ? null : new Date(s).toISOString());
  const canonical = [
    input.callId,
    callerKey,
    input.agentId ?? null,
    input.queue,
    instant(input.offeredAt),
    instant(input.answeredAt),
    instant(input.endedAt),
    input.outcome,
    input.recordingRef ?? null,
    input.requestNumber ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

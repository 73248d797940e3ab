import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import type { Outbox } from '@hotline/platform';
import type { CallPolicy } from './call-policy';
import type { CallRecord } from './call-records.repository';
import type { Callback } from './callbacks.repository';

// What intake tells the other services about calls (ADR 0038): codes, queues and instants, in
// the command's transaction. Never the caller: no number (not even masked or hashed), no agent.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : '');

/** The item a recorded call opened, joined or closed. */
export interface CallbackLink {
  id: string;
  /** This abandon opened it. */
  opened: boolean;
  dueAt: Date | null;
}

/** CallRecorded: the call as recorded, with the thresholds it was counted under. */
export async function announceCallRecorded(
  manager: EntityManager,
  outbox: Outbox,
  record: CallRecord,
  policy: Pick<CallPolicy, 'answerTimelySeconds' | 'shortAbandonSeconds' | 'shortAbandonsCounted'>,
  callback: CallbackLink | null,
): Promise<void> {
  await outbox.append(manager, {
    event: Events.intake.callRecorded,
    tenantId: record.tenantId,
    aggregateType: 'call',
    aggregateId: record.callId,
    payload: {
      callId: record.callId,
      queue: record.queue,
      offeredAt: iso(record.offeredAt),
      answeredAt: iso(record.answeredAt),
      endedAt: iso(record.endedAt),
      outcome: record.outcome,
      answerTimelySeconds: policy.answerTimelySeconds,
      shortAbandonSeconds: policy.shortAbandonSeconds,
      shortAbandonsCounted: policy.shortAbandonsCounted,
      callbackId: callback?.id ?? '',
      callbackOpened: callback?.opened ?? false,
      callbackDueAt: callback?.opened ? iso(callback.dueAt) : '',
      recordedAt: iso(record.recordedAt),
    },
  });
}

/** CallOutcomeChanged: an agent's mark (or correction) of what an answered call was. */
export async function announceCallOutcome(
  manager: EntityManager,
  outbox: Outbox,
  record: Pick<CallRecord, 'tenantId' | 'callId' | 'outcome' | 'requestId'>,
  markedBy: string,
  markedAt: Date,
): Promise<void> {
  await outbox.append(manager, {
    event: Events.intake.callOutcomeChanged,
    tenantId: record.tenantId,
    aggregateType: 'call',
    aggregateId: record.callId,
    payload: { callId: record.callId, outcome: record.outcome, requestId: record.requestId ?? '', markedAt: iso(markedAt), markedBy },
  });
}

/** CallbackResolved: a callback item closed, whichever way. */
export async function announceCallbackResolved(manager: EntityManager, outbox: Outbox, c: Callback): Promise<void> {
  await outbox.append(manager, {
    event: Events.intake.callbackResolved,
    tenantId: c.tenantId,
    aggregateType: 'callback',
    aggregateId: c.id,
    payload: {
      callbackId: c.id,
      queue: c.queue,
      state: c.state,
      firstAbandonedAt: iso(c.firstAbandonedAt),
      dueAt: iso(c.dueAt),
      closedAt: iso(c.closedAt),
      attempts: c.attempts,
      abandonedCalls: c.abandonedCalls,
      firstCallId: c.firstCallId,
    },
  });
}

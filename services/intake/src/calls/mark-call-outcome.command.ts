import { EntityManager } from 'typeorm';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { announceCallOutcome } from './call-events';
import { findCallRecord, requestIdOfNumber, setOutcome } from './call-records.repository';
import type { MarkOutcome } from './calls.schemas';

/**
 * An agent says what an answered call was: a request (linked by its number: the one registered
 * from the call, or the existing one it was about) or not a matter (silent, harassment, wrong
 * number, a hang-up). It may be corrected, and each mark records who and when. An abandoned
 * call was answered by nobody, so it has nothing to mark (409). Each mark is announced
 * (CallOutcomeChanged): the latest one is the call's outcome downstream too.
 */
export async function markCallOutcome(manager: EntityManager, outbox: Outbox, who: Identity, callId: string, input: MarkOutcome, now: Date = new Date()) {
  const record = await findCallRecord(manager, callId, true);
  if (!record) throw ProblemError.notFound('call record');
  if (record.outcome === 'abandoned') throw new ProblemError(409, 'call_not_answered', 'Call not answered', 'an abandoned call has no outcome to mark');
  const requestId = input.requestNumber === undefined ? null : ((await requestIdOfNumber(manager, input.requestNumber)) ?? null);
  if (input.requestNumber !== undefined && !requestId)
    throw ProblemError.validation([{ field: 'requestNumber', message: 'no request of this hotline has this number' }]);
  await setOutcome(manager, record.id, { outcome: input.outcome, requestId, requestNumber: input.requestNumber ?? null, by: who.subject, at: now });
  await announceCallOutcome(manager, outbox, { tenantId: record.tenantId, callId: record.callId, outcome: input.outcome, requestId }, who.subject, now);
  return { ...record, outcome: input.outcome, requestId, requestNumber: input.requestNumber ?? null, outcomeMarkedBy: who.subject, outcomeMarkedAt: now };
}

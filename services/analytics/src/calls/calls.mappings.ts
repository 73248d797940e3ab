// What analytics keeps of intake's call events (ADR 0038): one fact per call and per callback
// item, decided here (pure); the repository stores them and keeps the tenant × local day × queue
// rollup from them. Nothing about a caller ever arrives here, so none is kept.
import type { intakeEventsV1 } from '@hotline/contracts';
import { instantOrNull } from '@hotline/analytics-domain';
import { localDateOf } from '@hotline/calendar';
import {
  CALL_OUTCOMES_WITH_REQUEST,
  CallbackState,
  CallOutcome,
  callWaitSeconds,
  isAnsweredInTime,
  isCallbackState,
  isCallOutcome,
  isShortAbandonWait,
  MARKABLE_CALL_OUTCOMES,
  OPEN_CALLBACK_STATES,
} from '@hotline/vocabulary';
import { UnusableEventError } from '../lifecycle/lifecycle.mappings';

/** Answered calls that were no matter at all: silent, harassment, a wrong number, a hang-up. */
export const NON_REQUEST_CALL_OUTCOMES: readonly CallOutcome[] = MARKABLE_CALL_OUTCOMES.filter((o) => !CALL_OUTCOMES_WITH_REQUEST.includes(o));
/** A callback item whose caller the hotline spoke with again: called back, or called in and answered. */
export const DONE_CALLBACK_STATES: readonly CallbackState[] = ['reached', 'caller-returned'];

/** One call as recorded, counted with the policy intake recorded it under. */
export interface RecordedCallFact {
  callId: string;
  queue: string;
  offeredAt: Date;
  /** The local day (the tenant's zone) it entered the queue: the day it counts on, as at intake. */
  day: string;
  answered: boolean;
  answeredInTime: boolean;
  shortAbandoned: boolean;
  /** A short abandon left out of the offered calls (the policy did not count them). */
  shortExcluded: boolean;
  outcome: CallOutcome;
}

/** A callback item opened by an abandon (CallRecorded with callback_opened) or seen closing (CallbackResolved). */
export interface CallbackFact {
  callbackId: string;
  queue: string;
  firstAbandonedAt: Date;
  /** The local day of the first abandon. */
  day: string;
  /** `open` until CallbackResolved says how it closed. */
  state: CallbackState | 'open';
  closedAt: Date | null;
}

const required = (value: string | undefined, field: string): string => {
  if (!value) throw new UnusableEventError(`${field} is empty`);
  return value;
};

const requiredInstant = (value: string | undefined, field: string): Date => {
  const at = instantOrNull(value);
  if (!at) throw new UnusableEventError(`${field} "${value ?? ''}" is not an RFC 3339 instant`);
  return at;
};

/** CallRecorded: the call, with whether it was answered in time and a short abandon as intake's policy said then. */
export function recordedCallOf(e: intakeEventsV1.CallRecorded, timeZone: string): RecordedCallFact {
  const callId = required(e.callId, 'call_id');
  const queue = required(e.queue, 'queue');
  if (!isCallOutcome(e.outcome)) throw new UnusableEventError(`outcome "${e.outcome}" is not a call outcome`);
  const offeredAt = requiredInstant(e.offeredAt, 'offered_at');
  const endedAt = requiredInstant(e.endedAt, 'ended_at');
  const answeredAt = instantOrNull(e.answeredAt);
  const answered = e.outcome !== 'abandoned';
  if (answered && !answeredAt) throw new UnusableEventError(`answered_at is empty for the answered outcome ${e.outcome}`);
  const shortAbandoned = !answered && isShortAbandonWait(callWaitSeconds(offeredAt, endedAt), e.shortAbandonSeconds);
  return {
    callId,
    queue,
    offeredAt,
    day: localDateOf(offeredAt, timeZone),
    answered,
    answeredInTime: answered && isAnsweredInTime(callWaitSeconds(offeredAt, answeredAt as Date), e.answerTimelySeconds),
    shortAbandoned,
    shortExcluded: shortAbandoned && !e.shortAbandonsCounted,
    outcome: e.outcome,
  };
}

/** The item a recorded abandon opened; null when it opened none (joined one, closed one, or none). */
export function openedCallbackOf(e: intakeEventsV1.CallRecorded, timeZone: string): CallbackFact | null {
  if (!e.callbackOpened || !e.callbackId) return null;
  // The item's first abandon is this call's hang-up.
  const firstAbandonedAt = requiredInstant(e.endedAt, 'ended_at');
  return { callbackId: e.callbackId, queue: required(e.queue, 'queue'), firstAbandonedAt, day: localDateOf(firstAbandonedAt, timeZone), state: 'open', closedAt: null };
}

export interface OutcomeMark {
  callId: string;
  outcome: CallOutcome;
  markedAt: Date;
}

/** CallOutcomeChanged: what an agent marked an answered call as; the latest mark wins. */
export function outcomeMarkOf(e: intakeEventsV1.CallOutcomeChanged, publishedAt: Date): OutcomeMark {
  const callId = required(e.callId, 'call_id');
  if (!(MARKABLE_CALL_OUTCOMES as readonly string[]).includes(e.outcome)) throw new UnusableEventError(`outcome "${e.outcome}" is not a markable call outcome`);
  return { callId, outcome: e.outcome as CallOutcome, markedAt: instantOrNull(e.markedAt) ?? publishedAt };
}

/** CallbackResolved: a closed item, with what it needs to be counted even before its opening call arrives. */
export function resolvedCallbackOf(e: intakeEventsV1.CallbackResolved, publishedAt: Date, timeZone: string): CallbackFact {
  const callbackId = required(e.callbackId, 'callback_id');
  if (!isCallbackState(e.state) || OPEN_CALLBACK_STATES.includes(e.state)) throw new UnusableEventError(`state "${e.state}" is not a closed callback state`);
  const firstAbandonedAt = requiredInstant(e.firstAbandonedAt, 'first_abandoned_at');
  return {
    callbackId,
    queue: required(e.queue, 'queue'),
    firstAbandonedAt,
    day: localDateOf(firstAbandonedAt, timeZone),
    state: e.state,
    closedAt: instantOrNull(e.closedAt) ?? publishedAt,
  };
}

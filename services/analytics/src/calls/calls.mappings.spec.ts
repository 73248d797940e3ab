import type { intakeEventsV1 } from '@hotline/contracts';
import { openedCallbackOf, outcomeMarkOf, recordedCallOf, resolvedCallbackOf } from './calls.mappings';

const recorded = (over: Partial<intakeEventsV1.CallRecorded> = {}): intakeEventsV1.CallRecorded => ({
  callId: 'c-1',
  queue: 'general',
  offeredAt: '2026-03-02T15:59:50Z',
  answeredAt: '2026-03-02T16:00:05Z',
  endedAt: '2026-03-02T16:03:00Z',
  outcome: 'answered',
  answerTimelySeconds: 15,
  shortAbandonSeconds: 5,
  shortAbandonsCounted: false,
  callbackId: '',
  callbackOpened: false,
  callbackDueAt: '',
  recordedAt: '2026-03-02T16:03:01Z',
  ...over,
});

describe('call facts from intake events', () => {
  it('counts a call on the local day it entered the queue, in the tenant’s zone', () => {
    expect(recordedCallOf(recorded(), 'Asia/Shanghai')).toMatchObject({ day: '2026-03-02', answered: true, answeredInTime: true });
    // 15:59:50Z is 21:59:50 in Urumqi (UTC+6) and 23:59:50 in Shanghai; 16:00 is the next day in Shanghai only for later calls.
    expect(recordedCallOf(recorded({ offeredAt: '2026-03-02T16:00:00Z', answeredAt: '2026-03-02T16:00:16Z' }), 'Asia/Shanghai')).toMatchObject({
      day: '2026-03-03', answeredInTime: false,
    });
    expect(recordedCallOf(recorded({ offeredAt: '2026-03-02T16:00:00Z', answeredAt: '2026-03-02T16:00:15Z' }), 'Asia/Urumqi')).toMatchObject({
      day: '2026-03-02', answeredInTime: true,
    });
  });

  it('applies the thresholds the event carries: a short abandon left out unless the policy counted it', () => {
    const abandon = { outcome: 'abandoned', answeredAt: '', endedAt: '2026-03-02T15:59:55Z' };
    expect(recordedCallOf(recorded(abandon), 'Asia/Shanghai')).toMatchObject({ answered: false, answeredInTime: false, shortAbandoned: true, shortExcluded: true });
    expect(recordedCallOf(recorded({ ...abandon, shortAbandonsCounted: true }), 'Asia/Shanghai')).toMatchObject({ shortAbandoned: true, shortExcluded: false });
    expect(recordedCallOf(recorded({ ...abandon, shortAbandonSeconds: 4 }), 'Asia/Shanghai')).toMatchObject({ shortAbandoned: false, shortExcluded: false });
  });

  it('refuses an event it cannot count rather than guessing', () => {
    expect(() => recordedCallOf(recorded({ queue: '' }), 'Asia/Shanghai')).toThrow(/queue/);
    expect(() => recordedCallOf(recorded({ outcome: 'maybe' }), 'Asia/Shanghai')).toThrow(/outcome/);
    expect(() => recordedCallOf(recorded({ answeredAt: '' }), 'Asia/Shanghai')).toThrow(/answered_at/);
    expect(() => recordedCallOf(recorded({ offeredAt: '2026-02-30T10:00:00Z' }), 'Asia/Shanghai')).toThrow(/offered_at/);
    expect(() => outcomeMarkOf({ callId: 'c-1', outcome: 'abandoned', requestId: '', markedAt: '', markedBy: 'a' }, new Date())).toThrow(/markable/);
    expect(() => resolvedCallbackOf({ callbackId: 'b', queue: 'q', state: 'pending', firstAbandonedAt: '2026-03-02T01:00:00Z', dueAt: '', closedAt: '', attempts: 0, abandonedCalls: 1, firstCallId: 'c' }, new Date(), 'Asia/Shanghai')).toThrow(/closed/);
  });

  it('opens a callback item on the day of its first abandon, only when this call opened it', () => {
    const opened = recorded({ outcome: 'abandoned', answeredAt: '', endedAt: '2026-03-02T16:00:30Z', callbackId: 'cb-1', callbackOpened: true });
    expect(openedCallbackOf(opened, 'Asia/Shanghai')).toMatchObject({ callbackId: 'cb-1', queue: 'general', day: '2026-03-03', state: 'open' });
    expect(openedCallbackOf({ ...opened, callbackOpened: false }, 'Asia/Shanghai')).toBeNull();
    expect(
      resolvedCallbackOf({ callbackId: 'cb-1', queue: 'general', state: 'reached', firstAbandonedAt: '2026-03-02T16:00:30Z', dueAt: '', closedAt: '', attempts: 1, abandonedCalls: 1, firstCallId: 'c-1' }, new Date('2026-03-02T17:00:00Z'), 'Asia/Urumqi'),
    ).toMatchObject({ day: '2026-03-02', state: 'reached', closedAt: new Date('2026-03-02T17:00:00Z') });
  });
});

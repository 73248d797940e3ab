import { createWorkingCalendar } from '@hotline/calendar';
import { dueAfterPause, handlingStartAtSign, pauseLimitAt, pauseRefusal, plannedHandlingStart, workingDaysTouched } from './clock-policy';
import { isClockRunning } from './work-order';

// Asia/Shanghai with the national holidays the calendar ships (2026: 国庆 10-01…10-07, make-up 10-10).
const calendar = createWorkingCalendar();
const at = (iso: string) => new Date(iso);
const days = { unit: 'working-days', amount: 5 } as const;

describe('where the handling clock starts', () => {
  it('at the dispatch, or planned at the sign-for due until the unit signs', () => {
    const created = at('2026-03-02T02:00:00Z');
    const signDue = at('2026-03-03T16:00:00Z');
    expect(plannedHandlingStart('dispatch', created, signDue)).toBe(created);
    expect(plannedHandlingStart('sign-for', created, signDue)).toBe(signDue);
  });

  it('at the sign-for, never later than its due: a late sign gains no time', () => {
    const signDue = at('2026-03-03T16:00:00Z');
    expect(handlingStartAtSign(at('2026-03-03T01:00:00Z'), signDue)).toEqual(at('2026-03-03T01:00:00Z'));
    expect(handlingStartAtSign(at('2026-03-05T01:00:00Z'), signDue)).toEqual(signDue);
  });
});

describe('pauses of the handling clock', () => {
  it('stop the clock: a paused order runs no handling clock', () => {
    expect(isClockRunning({ status: 'in-progress', reworkDueAt: null, pausedAt: at('2026-03-02T02:00:00Z') }, 'handling')).toBe(false);
    expect(isClockRunning({ status: 'in-progress', reworkDueAt: null, pausedAt: null }, 'handling')).toBe(true);
  });

  it('give a working-days clock back every working day they touched, skipping the weekend', () => {
    // Paused Fri 03-06 10:00 to Mon 03-09 10:00 (Shanghai): Fri and Mon touched → 2 days more.
    expect(workingDaysTouched(calendar, at('2026-03-06T02:00:00Z'), at('2026-03-09T02:00:00Z'))).toBe(2);
    const due = at('2026-03-10T16:00:00Z'); // end of Tue 03-10
    expect(dueAfterPause(calendar, days, due, at('2026-03-06T02:00:00Z'), at('2026-03-09T02:00:00Z'))).toEqual(at('2026-03-12T16:00:00Z'));
  });

  it('give the 国庆 holidays nothing back: only working days count', () => {
    expect(workingDaysTouched(calendar, at('2026-10-01T02:00:00Z'), at('2026-10-07T10:00:00Z'))).toBe(0);
  });

  it('give a minutes clock back the exact time stood still', () => {
    const due = at('2026-03-02T04:00:00Z');
    const rule = { unit: 'calendar-minutes', amount: 120 } as const;
    expect(dueAfterPause(calendar, rule, due, at('2026-03-02T02:30:00Z'), at('2026-03-02T03:00:00Z'))).toEqual(at('2026-03-02T04:30:00Z'));
  });

  it('resume by themselves at the end of the longest pause', () => {
    expect(pauseLimitAt(calendar, at('2026-03-06T02:00:00Z'), { maxPauseWorkingDays: 2 })).toEqual(at('2026-03-09T16:00:00Z')); // end of Mon 03-09
  });

  it('are refused when the policy, the order or an open pause forbids one', () => {
    const free = { handlingRunning: true, paused: false, reworking: false, pendingPause: false, approvedPauses: 0 };
    expect(pauseRefusal(free, { maxPauses: 2 })).toBeUndefined();
    expect(pauseRefusal(free, { maxPauses: 0 })).toMatch(/no pauses/);
    expect(pauseRefusal({ ...free, paused: true }, { maxPauses: 2 })).toMatch(/paused already/);
    expect(pauseRefusal({ ...free, reworking: true }, { maxPauses: 2 })).toMatch(/rework/);
    expect(pauseRefusal({ ...free, pendingPause: true }, { maxPauses: 2 })).toMatch(/waiting/);
    expect(pauseRefusal({ ...free, approvedPauses: 2 }, { maxPauses: 2 })).toMatch(/at most 2/);
  });
});

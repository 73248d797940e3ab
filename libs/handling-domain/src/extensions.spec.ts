import { createWorkingCalendar } from '@hotline/calendar';
import { DEFAULT_EXTENSION_POLICY, extendedDue, extensionLimitBroken, isAskedInTime } from './extensions';
import { answerTiming, dueOf } from './work-order';

const national = createWorkingCalendar({});
const fiveDays = { unit: 'working-days' as const, amount: 5 };

describe('extensions (延期)', () => {
  it('adds whole working days after the current due, skipping the weekend', () => {
    // Due at the end of Friday 2026-12-04 (16:00Z); 2 more working days end Tuesday 12-08.
    expect(extendedDue(national, new Date('2026-12-04T16:00:00Z'), 2).dueAt).toEqual(new Date('2026-12-08T16:00:00Z'));
    // A minute clock's due in the afternoon of Wednesday 12-02: Thursday, Friday, Monday.
    expect(extendedDue(national, new Date('2026-12-02T06:00:00Z'), 3).dueAt).toEqual(new Date('2026-12-07T16:00:00Z'));
  });

  it('enforces the count, the extra days and the total (Shandong 10 more, Shanghai 15 in all)', () => {
    const ask = (extraWorkingDays: number, approvedExtraDays: number[] = []) => ({ extraWorkingDays, approvedExtraDays, handling: fiveDays });
    expect(extensionLimitBroken(ask(10), DEFAULT_EXTENSION_POLICY)).toBeUndefined();
    expect(extensionLimitBroken(ask(11), DEFAULT_EXTENSION_POLICY)).toMatch(/at most 10 working days/);
    expect(extensionLimitBroken(ask(1, [2]), DEFAULT_EXTENSION_POLICY)).toMatch(/at most 1 extension/);
    const shanghai = { maxExtensions: 3, maxExtraWorkingDays: null, maxTotalWorkingDays: 15 };
    expect(extensionLimitBroken(ask(6, [4]), shanghai)).toBeUndefined();
    expect(extensionLimitBroken(ask(7, [4]), shanghai)).toMatch(/at most 15 working days; this would make 16/);
  });

  it('must be asked strictly before the due', () => {
    const due = new Date('2026-12-04T16:00:00Z');
    expect(isAskedInTime(new Date(due.getTime() - 1), due)).toBe(true);
    expect(isAskedInTime(due, due)).toBe(false);
  });

  it('judges the answer and watches the handling clock against the approved due', () => {
    const handleDueAt = new Date('2026-12-04T16:00:00Z');
    const extendedDueAt = new Date('2026-12-08T16:00:00Z');
    const order = { signDueAt: handleDueAt, handleDueAt, extendedDueAt, reworkDueAt: null };
    expect(dueOf(order, 'handling')).toEqual(extendedDueAt);
    expect(answerTiming(order, new Date('2026-12-07T10:00:00Z')).onTime).toBe(true);
    expect(answerTiming({ ...order, extendedDueAt: null }, new Date('2026-12-07T10:00:00Z')).onTime).toBe(false);
  });
});

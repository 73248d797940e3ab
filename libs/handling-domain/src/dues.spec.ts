import { addCalendarMinutes, createWorkingCalendar, TimeLimitRule } from '@hotline/calendar';
import { computeDueOn, missingYearsOf, unionOfYears, yearsToLoad } from './dues';
import { defaultTimeLimit, orderTimeLimit } from './time-limits';
import { initialDues, latestProvisionalDue } from './work-order';

const calendar = createWorkingCalendar({ timeZone: 'Asia/Shanghai' });
const cst = (local: string) => new Date(`${local}+08:00`);
const endOfLocalDay = (date: string) => new Date(`${date}T24:00:00+08:00`);
const normal = orderTimeLimit(defaultTimeLimit('complaint', 'normal'));

describe('sign-for: one working day is a whole working day (自次日起, 《民法典》第二百零一条)', () => {
  it.each([
    ['Friday 17:00', '2026-12-04T17:00'],
    ['Friday 23:30', '2026-12-04T23:30'],
    ['Friday 00:05', '2026-12-04T00:05'],
  ])('dispatched %s → due at the end of Monday', (_label, at) => {
    expect(initialDues(calendar, cst(at), normal).signDueAt).toEqual(endOfLocalDay('2026-12-07'));
  });

  it('on the eve of National Day (10-01…10-07): due at the end of the first working day after it, Thu 10-08', () => {
    expect(initialDues(calendar, cst('2026-09-30T16:00'), normal).signDueAt).toEqual(endOfLocalDay('2026-10-08'));
  });

  it('into a 调休 make-up Saturday: dispatched Fri 2026-10-09 → due at the end of Sat 10-10', () => {
    expect(initialDues(calendar, cst('2026-10-09T11:00'), normal).signDueAt).toEqual(endOfLocalDay('2026-10-10'));
  });

  it('on a non-working day the next working day is day 1: Sat 2026-12-05 → end of Mon 12-07', () => {
    expect(initialDues(calendar, cst('2026-12-05T10:00'), normal).signDueAt).toEqual(endOfLocalDay('2026-12-07'));
  });
});

describe('provisional dues', () => {
  it('marks 15 working days from 2026-12-14 provisional: they reach 2027, which has no data (01-01 counted as a weekday)', () => {
    const dues = initialDues(calendar, cst('2026-12-14T10:00'), normal);
    // Dec 15–18, 21–25, 28–31 are 13 days; Fri 2027-01-01 (a weekday without data) is 14, Mon 01-04 is 15.
    expect(dues.handleDueAt).toEqual(endOfLocalDay('2027-01-04'));
    expect(dues.provisionalYears).toEqual([2027]);
    // Only the handling clock reaches 2027: the sign-for due (end of 12-15) is firm.
    expect(dues.provisionalClocks).toEqual(['handling']);
    expect(latestProvisionalDue(dues)).toEqual(dues.handleDueAt);
    const firm = initialDues(calendar, cst('2026-12-01T10:00'), normal);
    expect([firm.provisionalYears, firm.provisionalClocks, latestProvisionalDue(firm)]).toEqual([[], [], undefined]);
  });

  it('does not count the due instant itself: a due at 2027-01-01 00:00 local needs no 2027 data', () => {
    const oneDay: TimeLimitRule = { unit: 'working-days', amount: 1, counting: 'from-next-day' };
    expect(computeDueOn(calendar, cst('2026-12-30T10:00'), oneDay)).toEqual({ dueAt: endOfLocalDay('2026-12-31'), missingYears: [] });
    expect(computeDueOn(calendar, cst('2026-12-31T10:00'), oneDay).missingYears).toEqual([2027]);
  });

  it('lists every year crossed without data, and none for a 24×7 minutes clock', () => {
    const start = cst('2026-12-30T10:00');
    expect(missingYearsOf(calendar, start, cst('2029-02-01T00:00'), { unit: 'working-days', amount: 500 })).toEqual([2027, 2028, 2029]);
    const minutes: TimeLimitRule = { unit: 'calendar-minutes', amount: 5 * 24 * 60 };
    expect(computeDueOn(calendar, start, minutes)).toEqual({ dueAt: addCalendarMinutes(start, 5 * 24 * 60), missingYears: [] });
  });

  it('counts a year with tenant-supplied data as known', () => {
    const withTestYear = createWorkingCalendar({ extraYears: [{ year: 2027, notice: 'test data', holidays: [] }] });
    expect(initialDues(withTestYear, cst('2026-12-14T10:00'), normal).provisionalYears).toEqual([]);
  });

  it('lists the years to load: this and next year, and those provisional dues reach', () => {
    expect(yearsToLoad(calendar, 2026, [])).toEqual([2027]);
    expect(yearsToLoad(calendar, 2026, [2900, 2027])).toEqual([2027, 2900]);
    expect(yearsToLoad(calendar, 2025, [])).toEqual([]);
    expect(unionOfYears([3, 1], [2, 3])).toEqual([1, 2, 3]);
  });
});

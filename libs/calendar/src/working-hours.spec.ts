import {
  addCalendarMinutes,
  addWorkingHours,
  computeDue,
  isOverdue,
  remaining,
  workingHoursBetween,
  type TimeLimitRule,
} from './deadlines';
import { CalendarError, CalendarInputError } from './errors';
import { createWorkingCalendar } from './working-calendar';

const cal = createWorkingCalendar(); // 09:00–12:00 + 13:30–17:30 (7 h), Asia/Shanghai
const cst = (local: string) => new Date(`${local}:00+08:00`);
const H = 3_600_000;

describe('addWorkingHours (Asia/Shanghai, 09:00–12:00 + 13:30–17:30)', () => {
  it.each([
    ['Mon 3-03 10:00 +2h: lands exactly on 12:00, stays there', '2025-03-03T10:00', 2, '2025-03-03T12:00'],
    ['Mon 3-03 10:00 +3h: 2h to 12:00, lunch skipped, 1h from 13:30 → 14:30', '2025-03-03T10:00', 3, '2025-03-03T14:30'],
    ['Mon 3-03 09:00 +7h: one full working day → 17:30', '2025-03-03T09:00', 7, '2025-03-03T17:30'],
    ['Mon 3-03 11:45 +0.5h: 15 min to 12:00, 15 min from 13:30 → 13:45', '2025-03-03T11:45', 0.5, '2025-03-03T13:45'],
    ['Mon 3-03 07:00 (before opening) +1h: starts 09:00 → 10:00', '2025-03-03T07:00', 1, '2025-03-03T10:00'],
    ['Mon 3-03 12:30 (lunch) +1h: starts 13:30 → 14:30', '2025-03-03T12:30', 1, '2025-03-03T14:30'],
    ['Mon 3-03 17:00 +1h: 0.5h today, night skipped, 0.5h Tue → 09:30', '2025-03-03T17:00', 1, '2025-03-04T09:30'],
    ['Mon 3-03 17:30 (closing) +1h: nothing left today → Tue 10:00', '2025-03-03T17:30', 1, '2025-03-04T10:00'],
    ['Mon 3-03 22:00 +1h: night → Tue 10:00', '2025-03-03T22:00', 1, '2025-03-04T10:00'],
    ['Mon 3-03 09:00 +24h: Mon+Tue+Wed = 21h, 3h Thu morning → Thu 12:00', '2025-03-03T09:00', 24, '2025-03-06T12:00'],
    ['Sat 3-08 10:00 +1h: weekend skipped → Mon 3-10 10:00', '2025-03-08T10:00', 1, '2025-03-10T10:00'],
    ['Fri 1-24 17:00 +1h: 0.5h Fri, Sat off, make-up Sun 1-26 → 09:30', '2025-01-24T17:00', 1, '2025-01-26T09:30'],
    ['Mon 1-27 16:00 +8h: 1.5h, 1-28..2-4 off, Wed 2-5 3h + 3.5h → 17:00', '2025-01-27T16:00', 8, '2025-02-05T17:00'],
    ['Tue 9-30 15:00 +7h: 2.5h, 10-1..10-8 off, Thu 10-9 3h + 1.5h → 15:00', '2025-09-30T15:00', 7, '2025-10-09T15:00'],
    ['Thu 10-2 (holiday) 10:00 +2h: → Thu 10-9 11:00', '2025-10-02T10:00', 2, '2025-10-09T11:00'],
  ])('%s', (_why, start, hours, due) => {
    expect(addWorkingHours(cal, cst(start), hours).toISOString()).toBe(cst(due).toISOString());
  });

  it('via computeDue: 4 working hours from Fri 2025-02-07 16:00 → 1.5h Fri, make-up Sat 2-8 09:00+2.5h → 11:30', () => {
    const due = computeDue(cal, cst('2025-02-07T16:00'), { unit: 'working-hours', amount: 4 });
    expect(due).toEqual(cst('2025-02-08T11:30'));
  });

  it('custom periods: a 08:30–12:00 / 14:00–18:00 tenant, Mon 11:00 +2h → 15:00', () => {
    const t = createWorkingCalendar({ workingPeriods: [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '18:00' }] });
    expect(t.workingMinutesPerDay).toBe(450);
    expect(addWorkingHours(t, cst('2025-03-03T11:00'), 2)).toEqual(cst('2025-03-03T15:00'));
  });

  it('Europe/Berlin across the spring DST change: Fri 3-28 17:00 CET +1h → Mon 3-31 09:30 CEST (07:30Z)', () => {
    const berlin = createWorkingCalendar({ timeZone: 'Europe/Berlin', nationalYears: [] });
    expect(addWorkingHours(berlin, new Date('2025-03-28T16:00:00Z'), 1).toISOString()).toBe('2025-03-31T07:30:00.000Z');
  });

  it.each([0, -1, Number.NaN])('rejects %p hours', (h) => {
    expect(() => addWorkingHours(cal, cst('2025-03-03T10:00'), h)).toThrow(CalendarInputError);
  });

  it('throws CalendarError when the calendar has no working time at all', () => {
    const allOff = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    expect(() => addWorkingHours(createWorkingCalendar({ extraHolidays: allOff }), cst('2025-01-01T10:00'), 1)).toThrow(CalendarError);
  });
});

describe('workingHoursBetween', () => {
  it.each([
    ['Mon 09:00 → Tue 09:00 = one working day = 7h', '2025-03-03T09:00', '2025-03-04T09:00', 7],
    ['Mon 08:00 → 10:30 = 1.5h (before opening not counted)', '2025-03-03T08:00', '2025-03-03T10:30', 1.5],
    ['Mon 12:10 → 13:20 = 0 (lunch)', '2025-03-03T12:10', '2025-03-03T13:20', 0],
    ['Fri 1-24 09:00 → Wed 2-5 12:00 = Fri 7 + make-up Sun 7 + Mon 7 + 3 = 24h', '2025-01-24T09:00', '2025-02-05T12:00', 24],
    ['Tue 9-30 09:00 → Sat 10-11 17:30 = 9-30, 10-9, 10-10, make-up 10-11 = 28h', '2025-09-30T09:00', '2025-10-11T17:30', 28],
    ['Wed 2-5 12:00 → Fri 1-24 09:00 (reversed) = -24h', '2025-02-05T12:00', '2025-01-24T09:00', -24],
  ])('%s', (_why, a, b, hours) => {
    expect(workingHoursBetween(cal, cst(a), cst(b))).toBeCloseTo(hours, 9);
  });

  it.each([
    ['2025-01-24T16:20', 0.25],
    ['2025-01-27T11:00', 13.75],
    ['2025-09-26T07:15', 40],
    ['2026-02-13T17:29', 3],
  ])('round-trips with addWorkingHours from %s (+%p h)', (start, hours) => {
    const due = addWorkingHours(cal, cst(start), hours);
    expect(workingHoursBetween(cal, cst(start), due)).toBeCloseTo(hours, 9);
  });

  it('Europe/Berlin 24h periods: the spring-forward Sunday has 23h, the fall-back Sunday 25h', () => {
    const berlin = createWorkingCalendar({
      timeZone: 'Europe/Berlin',
      nationalYears: [],
      workingPeriods: [{ start: '00:00', end: '24:00' }],
      extraWorkingDays: ['2025-03-30', '2025-10-26'],
    });
    const day = (d: string, next: string) => workingHoursBetween(berlin, berlin.startOfDay(d), berlin.startOfDay(next));
    expect(day('2025-03-30', '2025-03-31')).toBe(23);
    expect(day('2025-10-26', '2025-10-27')).toBe(25);
  });
});

describe('addCalendarMinutes (24×7)', () => {
  it('ignores holidays: Tue 2025-09-30 23:00 +90 min → Wed 10-1 00:30 (holiday or not)', () => {
    expect(addCalendarMinutes(cst('2025-09-30T23:00'), 90)).toEqual(cst('2025-10-01T00:30'));
  });

  it('counts elapsed time, not wall time: 1440 min across Berlin spring-forward = 24h elapsed', () => {
    expect(addCalendarMinutes(new Date('2025-03-29T22:00:00Z'), 1440).toISOString()).toBe('2025-03-30T22:00:00.000Z');
  });

  it('via computeDue, fractional minutes allowed (0.5 min = 30 s)', () => {
    const due = computeDue(cal, new Date('2025-01-01T00:00:00Z'), { unit: 'calendar-minutes', amount: 0.5 });
    expect(due.toISOString()).toBe('2025-01-01T00:00:30.000Z');
  });

  it.each([0, -5, Number.NaN])('rejects %p minutes', (m) => {
    expect(() => addCalendarMinutes(new Date(), m)).toThrow(CalendarInputError);
  });

  it('computeDue rejects an unknown unit', () => {
    expect(() => computeDue(cal, new Date(), { unit: 'fortnights', amount: 1 } as unknown as TimeLimitRule)).toThrow(
      /unknown time-limit unit fortnights/,
    );
  });
});

describe('remaining and isOverdue', () => {
  const due = new Date('2025-02-05T16:00:00Z'); // end of Wed 2025-02-05 (Mon 1-27 +1 from-next-day)

  it('Mon 1-27 17:00: 223h of clock time, 7.5 working hours (0.5h Mon + 7h 2-5), 2 working days touched', () => {
    const r = remaining(cst('2025-01-27T17:00'), due, cal);
    expect(r).toEqual({ ms: 223 * H, overdue: false, workingMs: 7.5 * H, workingDays: 2 });
  });

  it('without a calendar only clock time is reported', () => {
    expect(remaining(cst('2025-01-27T17:00'), due)).toEqual({ ms: 223 * H, overdue: false });
  });

  it('the due instant is exclusive: overdue exactly at due, not 1 ms before', () => {
    expect(isOverdue(new Date(due.getTime() - 1), due)).toBe(false);
    expect(isOverdue(due, due)).toBe(true);
    expect(remaining(due, due, cal)).toEqual({ ms: 0, overdue: true, workingMs: 0, workingDays: 0 });
  });

  it('overdue at Thu 2-6 10:00: -10h clock, -1h working (09:00–10:00), 0 days left', () => {
    expect(remaining(cst('2025-02-06T10:00'), due, cal)).toEqual({ ms: -10 * H, overdue: true, workingMs: -1 * H, workingDays: 0 });
  });

  it('rejects invalid instants', () => {
    expect(() => isOverdue(new Date('x'), due)).toThrow(CalendarInputError);
  });
});

import type { Counting } from '@hotline/vocabulary';
import { addWorkingDays, computeDue, lastWorkingDay } from './deadlines';
import { CalendarCoverageError, CalendarInputError } from './errors';
import { createWorkingCalendar } from './working-calendar';

const cal = createWorkingCalendar(); // national 2025+2026, Asia/Shanghai
/** Wall time in Asia/Shanghai (UTC+8, no DST). */
const cst = (local: string) => new Date(`${local}:00+08:00`);
/** Due for a day-based limit: the first instant of the day AFTER the last counted day. */
const endOf = (date: string) => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000);

type Case = [string, string, number, Counting, string];

describe('addWorkingDays – 2025 Spring Festival (off 1-28..2-4, make-up Sun 1-26 & Sat 2-8)', () => {
  it.each<Case>([
    ['Fri 1-24 +1 from-next-day: Sat 1-25 off, day1 = make-up Sun 1-26', '2025-01-24T10:00', 1, 'from-next-day', '2025-01-26'],
    ['Fri 1-24 +2 from-next-day: day1 Sun 1-26 (make-up), day2 Mon 1-27', '2025-01-24T10:00', 2, 'from-next-day', '2025-01-27'],
    ['Fri 1-24 +2 from-receipt: day1 Fri 1-24, day2 make-up Sun 1-26', '2025-01-24T10:00', 2, 'from-receipt', '2025-01-26'],
    ['Fri 1-24 +3 from-next-day: 1-26, 1-27, then 1-28..2-4 off → Wed 2-5', '2025-01-24T10:00', 3, 'from-next-day', '2025-02-05'],
    ['Mon 1-27 +1 from-next-day: 1-28..2-4 off → day1 Wed 2-5', '2025-01-27T09:30', 1, 'from-next-day', '2025-02-05'],
    ['Mon 1-27 +1 from-receipt: the receipt day itself', '2025-01-27T09:30', 1, 'from-receipt', '2025-01-27'],
    ['Mon 1-27 +2 from-receipt: 1-27, then Wed 2-5', '2025-01-27T09:30', 2, 'from-receipt', '2025-02-05'],
    ['Mon 1-27 +4 from-next-day: 2-5, 2-6, 2-7, make-up Sat 2-8', '2025-01-27T09:30', 4, 'from-next-day', '2025-02-08'],
    ['Mon 1-27 +5 from-next-day: …Sat 2-8, Sun 2-9 off → Mon 2-10', '2025-01-27T09:30', 5, 'from-next-day', '2025-02-10'],
    ['holiday receipt Sat 2-1 +1, from-next-day: next working day Wed 2-5', '2025-02-01T11:00', 1, 'from-next-day', '2025-02-05'],
    ['holiday receipt Sat 2-1 +1, from-receipt: also Wed 2-5 (receipt day not working)', '2025-02-01T11:00', 1, 'from-receipt', '2025-02-05'],
    ['weekend receipt Sat 1-25 +1 from-receipt: make-up Sun 1-26', '2025-01-25T15:00', 1, 'from-receipt', '2025-01-26'],
    ['receipt on make-up Sun 1-26 +1 from-receipt: it is a working day, counts', '2025-01-26T10:00', 1, 'from-receipt', '2025-01-26'],
    ['receipt on make-up Sun 1-26 +1 from-next-day: Mon 1-27', '2025-01-26T10:00', 1, 'from-next-day', '2025-01-27'],
    [
      'Mon 1-20 +15 from-next-day: 21,22,23,24,26,27 (6), 2-5,6,7,8 (10), 2-10..2-14 (15)',
      '2025-01-20T10:00',
      15,
      'from-next-day',
      '2025-02-14',
    ],
  ])('%s', (_why, start, n, counting, lastDay) => {
    expect(lastWorkingDay(cal, cst(start), n, counting)).toBe(lastDay);
    expect(addWorkingDays(cal, cst(start), n, counting).toISOString()).toBe(endOf(lastDay).toISOString());
  });

  it('due is local midnight after the last day: Mon 1-27 +1 → 2025-02-06 00:00 +08:00 = 2025-02-05T16:00Z', () => {
    expect(addWorkingDays(cal, cst('2025-01-27T09:30'), 1, 'from-next-day').toISOString()).toBe('2025-02-05T16:00:00.000Z');
  });
});

describe('addWorkingDays – 2025 National Day (off 10-1..10-8, make-up Sun 9-28 & Sat 10-11)', () => {
  it.each<Case>([
    ['Tue 9-30 +1 from-next-day: 10-1..10-8 off → Thu 10-9', '2025-09-30T10:00', 1, 'from-next-day', '2025-10-09'],
    ['Tue 9-30 +2 from-next-day: 10-9, 10-10', '2025-09-30T10:00', 2, 'from-next-day', '2025-10-10'],
    ['Tue 9-30 +3 from-next-day: 10-9, 10-10, make-up Sat 10-11', '2025-09-30T10:00', 3, 'from-next-day', '2025-10-11'],
    ['Tue 9-30 +4 from-next-day: …Sat 10-11, Sun 10-12 off → Mon 10-13', '2025-09-30T10:00', 4, 'from-next-day', '2025-10-13'],
    ['Tue 9-30 +5 from-next-day: … Mon 10-13, Tue 10-14', '2025-09-30T10:00', 5, 'from-next-day', '2025-10-14'],
    ['Tue 9-30 +1 from-receipt: 9-30 itself', '2025-09-30T10:00', 1, 'from-receipt', '2025-09-30'],
    ['Tue 9-30 +2 from-receipt: 9-30, 10-9', '2025-09-30T10:00', 2, 'from-receipt', '2025-10-09'],
    ['Fri 9-26 +1 from-next-day: Sat 9-27 off, make-up Sun 9-28', '2025-09-26T16:00', 1, 'from-next-day', '2025-09-28'],
    [
      'Fri 9-26 +10 from-next-day: 9-28,29,30 (3), 10-9,10,11 (6), 10-13..10-16 (10)',
      '2025-09-26T16:00',
      10,
      'from-next-day',
      '2025-10-16',
    ],
    ['Sat 9-27 (off) +1, from-next-day: make-up Sun 9-28', '2025-09-27T10:00', 1, 'from-next-day', '2025-09-28'],
    ['Sat 9-27 (off) +3, from-receipt: 9-28, 9-29, 9-30', '2025-09-27T10:00', 3, 'from-receipt', '2025-09-30'],
    ['Sat 9-27 (off) +4, from-receipt: 9-28, 9-29, 9-30, 10-9', '2025-09-27T10:00', 4, 'from-receipt', '2025-10-09'],
    ['Fri 10-3 (holiday) +3 from-next-day: 10-9, 10-10, Sat 10-11', '2025-10-03T10:00', 3, 'from-next-day', '2025-10-11'],
    ['Fri 10-3 (holiday) +3 from-receipt: same, receipt day is off', '2025-10-03T10:00', 3, 'from-receipt', '2025-10-11'],
  ])('%s', (_why, start, n, counting, lastDay) => {
    expect(addWorkingDays(cal, cst(start), n, counting).toISOString()).toBe(endOf(lastDay).toISOString());
  });

  it('receipt day is the Shanghai date: 2025-09-30T17:00Z is 10-01 01:00 local (holiday) → +1 from-receipt = 10-9', () => {
    expect(lastWorkingDay(cal, new Date('2025-09-30T17:00:00Z'), 1, 'from-receipt')).toBe('2025-10-09');
    // while 15:59Z is still 9-30 23:59 local, a working day
    expect(lastWorkingDay(cal, new Date('2025-09-30T15:59:00Z'), 1, 'from-receipt')).toBe('2025-09-30');
  });
});

describe('addWorkingDays – 2026 spot checks', () => {
  it.each<Case>([
    ['Wed 2025-12-31 +1: 2026 元旦 1-1..1-3 off, make-up Sun 1-4', '2025-12-31T10:00', 1, 'from-next-day', '2026-01-04'],
    ['Fri 2-13 +1: make-up Sat 2-14', '2026-02-13T10:00', 1, 'from-next-day', '2026-02-14'],
    ['Fri 2-13 +2: Sat 2-14, then 2-15..2-23 off → Tue 2-24', '2026-02-13T10:00', 2, 'from-next-day', '2026-02-24'],
    ['Fri 2-13 +6: 2-14, 2-24..2-27, make-up Sat 2-28', '2026-02-13T10:00', 6, 'from-next-day', '2026-02-28'],
    ['Fri 2-13 +7: … Sat 2-28, Sun 3-1 off → Mon 3-2', '2026-02-13T10:00', 7, 'from-next-day', '2026-03-02'],
    ['Fri 4-3 +1: 清明 4-4..4-6 → Tue 4-7', '2026-04-03T10:00', 1, 'from-next-day', '2026-04-07'],
    ['Thu 4-30 +4: 5-1..5-5 off → 5-6, 5-7, 5-8, make-up Sat 5-9', '2026-04-30T10:00', 4, 'from-next-day', '2026-05-09'],
    ['Thu 6-18 +1: 端午 6-19..6-21 → Mon 6-22', '2026-06-18T10:00', 1, 'from-next-day', '2026-06-22'],
    ['Fri 9-18 +1: Sat 9-19 off, make-up Sun 9-20', '2026-09-18T10:00', 1, 'from-next-day', '2026-09-20'],
    ['Thu 9-24 +1: 中秋 9-25..9-27 → Mon 9-28', '2026-09-24T10:00', 1, 'from-next-day', '2026-09-28'],
    ['Wed 9-30 +3: 10-1..10-7 off → 10-8, 10-9, make-up Sat 10-10', '2026-09-30T10:00', 3, 'from-next-day', '2026-10-10'],
  ])('%s', (_why, start, n, counting, lastDay) => {
    expect(addWorkingDays(cal, cst(start), n, counting).toISOString()).toBe(endOf(lastDay).toISOString());
  });
});

describe('addWorkingDays – DST zone (Europe/Berlin, weekends only)', () => {
  const berlin = createWorkingCalendar({ timeZone: 'Europe/Berlin', nationalYears: [] });
  it.each([
    ['Thu 2025-03-27 +1 → Fri 3-28, due Sat 00:00 CET (+1) = 3-28T23:00Z', '2025-03-27T10:00:00Z', '2025-03-28T23:00:00.000Z'],
    ['Fri 2025-03-28 +1 → Mon 3-31 (DST began Sun), due Tue 00:00 CEST (+2) = 3-31T22:00Z', '2025-03-28T09:00:00Z', '2025-03-31T22:00:00.000Z'],
    ['Thu 2025-10-23 +1 → Fri 10-24, due Sat 00:00 CEST = 10-24T22:00Z', '2025-10-23T10:00:00Z', '2025-10-24T22:00:00.000Z'],
    ['Fri 2025-10-24 +1 → Mon 10-27 (DST ended Sun), due Tue 00:00 CET = 10-27T23:00Z', '2025-10-24T10:00:00Z', '2025-10-27T23:00:00.000Z'],
  ])('%s', (_why, start, due) => {
    expect(addWorkingDays(berlin, new Date(start), 1, 'from-next-day').toISOString()).toBe(due);
  });

  it('Sun 2025-03-30 23:30 CEST (21:30Z) is still Sunday locally → from-receipt day1 = Mon 3-31', () => {
    expect(lastWorkingDay(berlin, new Date('2025-03-30T21:30:00Z'), 1, 'from-receipt')).toBe('2025-03-31');
  });
});

describe('addWorkingDays – rules and errors', () => {
  it('defaults to from-next-day (自次日起), also via computeDue', () => {
    const start = cst('2025-01-24T10:00');
    expect(addWorkingDays(cal, start, 1)).toEqual(endOf('2025-01-26'));
    expect(computeDue(cal, start, { unit: 'working-days', amount: 2 })).toEqual(endOf('2025-01-27'));
    expect(computeDue(cal, start, { unit: 'working-days', amount: 2, counting: 'from-receipt' })).toEqual(endOf('2025-01-26'));
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p working days', (n) => {
    expect(() => addWorkingDays(cal, cst('2025-01-24T10:00'), n)).toThrow(CalendarInputError);
  });

  it('rejects an invalid start instant and an unknown counting convention', () => {
    expect(() => addWorkingDays(cal, new Date('garbage'), 1)).toThrow(CalendarInputError);
    expect(() => addWorkingDays(cal, cst('2025-01-24T10:00'), 1, 'calendar' as Counting)).toThrow(CalendarInputError);
  });

  it('strict calendar: counting into 2027 (no data) throws CalendarCoverageError; non-strict uses Mon–Fri', () => {
    const strict = createWorkingCalendar({ strict: true });
    expect(() => addWorkingDays(strict, cst('2026-12-30T10:00'), 3)).toThrow(CalendarCoverageError);
    // non-strict: Wed 12-30 +3 → Thu 12-31, Fri 2027-01-01 (plain weekday, no data), Mon 2027-01-04
    expect(lastWorkingDay(cal, cst('2026-12-30T10:00'), 3)).toBe('2027-01-04');
  });

  it('tenant overrides feed the arithmetic: extra holiday Wed 3-5 pushes Tue 3-4 +1 to Thu 3-6', () => {
    const t = createWorkingCalendar({ extraHolidays: ['2025-03-05'], extraWorkingDays: ['2025-03-08'] });
    expect(lastWorkingDay(t, cst('2025-03-04T10:00'), 1)).toBe('2025-03-06');
    expect(lastWorkingDay(t, cst('2025-03-07T10:00'), 1)).toBe('2025-03-08'); // extra working Saturday
  });
});

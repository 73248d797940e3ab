import { addCalendarMinutes, addWorkingDays, createWorkingCalendar } from '@hotline/calendar';
import {
  defaultTimeLimit,
  effectiveTimeLimits,
  lookupTimeLimit,
  REQUEST_TYPES,
  TimeLimit,
  toCalendarRule,
  toRequestType,
  toUrgency,
  URGENCIES,
  workOrderDues,
} from './time-limits';

describe('time-limit defaults', () => {
  it('follows the national table for normal requests: 1 working day to sign, per-type handling days', () => {
    const days = Object.fromEntries(REQUEST_TYPES.map((t) => [t, defaultTimeLimit(t, 'normal').handling.amount]));
    expect(days).toEqual({ consultation: 2, help: 10, complaint: 15, report: 15, suggestion: 10, praise: 5, other: 10 });
    for (const type of REQUEST_TYPES) {
      expect(defaultTimeLimit(type, 'normal').signFor).toEqual({ unit: 'working-days', amount: 1, counting: 'from-receipt' });
      expect(defaultTimeLimit(type, 'normal').handling).toMatchObject({ unit: 'working-days', counting: 'from-receipt' });
    }
  });

  it('uses calendar minutes for urgent (30 / 1440) and critical (15 / 120) requests of every type', () => {
    for (const type of REQUEST_TYPES) {
      expect(defaultTimeLimit(type, 'urgent')).toMatchObject({
        signFor: { unit: 'calendar-minutes', amount: 30 }, handling: { unit: 'calendar-minutes', amount: 1440 },
      });
      expect(defaultTimeLimit(type, 'critical')).toMatchObject({
        signFor: { unit: 'calendar-minutes', amount: 15 }, handling: { unit: 'calendar-minutes', amount: 120 },
      });
    }
  });

  it('maps unknown codes to other / normal', () => {
    expect(toRequestType('complaint')).toBe('complaint');
    expect(toRequestType('')).toBe('other');
    expect(toRequestType('petition')).toBe('other');
    expect(toUrgency('critical')).toBe('critical');
    expect(toUrgency(undefined)).toBe('normal');
    expect(toUrgency('URGENT')).toBe('normal');
  });
});

describe('effective table', () => {
  const own: TimeLimit = {
    requestType: 'help', urgency: 'urgent',
    signFor: { unit: 'calendar-minutes', amount: 10 }, handling: { unit: 'working-hours', amount: 4 },
  };

  it('has 21 rows in table order with tenant rows over defaults', () => {
    const table = effectiveTimeLimits([own]);
    expect(table).toHaveLength(21);
    expect(table.map((r) => `${r.requestType}/${r.urgency}`)).toEqual(
      REQUEST_TYPES.flatMap((t) => URGENCIES.map((u) => `${t}/${u}`)),
    );
    expect(table.filter((r) => r.source === 'tenant')).toEqual([{ ...own, source: 'tenant' }]);
    expect(table.find((r) => r.requestType === 'help' && r.urgency === 'normal')?.source).toBe('default');
  });

  it('looks one pair up, falling back to the default', () => {
    expect(lookupTimeLimit([own], 'help', 'urgent')).toBe(own);
    expect(lookupTimeLimit([own], 'help', 'critical')).toEqual(defaultTimeLimit('help', 'critical'));
  });
});

describe('work-order dues', () => {
  const calendar = createWorkingCalendar({});

  it('gives working-days rules a counting, from receipt unless stated', () => {
    expect(toCalendarRule({ unit: 'working-days', amount: 3 })).toEqual({ unit: 'working-days', amount: 3, counting: 'from-receipt' });
    expect(toCalendarRule({ unit: 'working-days', amount: 3, counting: 'from-next-day' }))
      .toEqual({ unit: 'working-days', amount: 3, counting: 'from-next-day' });
    expect(toCalendarRule({ unit: 'working-hours', amount: 3, counting: 'from-next-day' })).toEqual({ unit: 'working-hours', amount: 3 });
  });

  it('starts both clocks at creation', () => {
    // Fri 2025-01-24 10:00 (+08): the 调休 Sunday 01-26 is a working day.
    const created = new Date('2025-01-24T02:00:00Z');
    const normal = workOrderDues(calendar, created, defaultTimeLimit('consultation', 'normal'));
    expect(normal.signDueAt.toISOString()).toBe('2025-01-24T16:00:00.000Z');
    expect(normal.handleDueAt).toEqual(addWorkingDays(calendar, created, 2, 'from-receipt'));
    expect(normal.handleDueAt.toISOString()).toBe('2025-01-26T16:00:00.000Z');
    const critical = workOrderDues(calendar, created, defaultTimeLimit('report', 'critical'));
    expect(critical).toEqual({ signDueAt: addCalendarMinutes(created, 15), handleDueAt: addCalendarMinutes(created, 120) });
  });
});

import { createWorkingCalendar } from '@hotline/calendar';
import { DEFAULT_COUNTING, REQUEST_TYPES, toRequestType, toUrgency, URGENCIES } from '@hotline/vocabulary';
import { initialDues } from './work-order';
import { defaultTimeLimit, effectiveTimeLimits, lookupTimeLimit, orderTimeLimit, TimeLimit, toCalendarRule } from './time-limits';

describe('time-limit defaults', () => {
  it('follows the national table for normal requests: 1 working day to sign, per-type handling days, the default counting', () => {
    const days = Object.fromEntries(REQUEST_TYPES.map((t) => [t, defaultTimeLimit(t, 'normal').handling.amount]));
    expect(days).toEqual({ consultation: 2, help: 10, complaint: 15, report: 15, suggestion: 10, praise: 5, other: 10 });
    for (const type of REQUEST_TYPES) {
      // No counting named: the rule takes DEFAULT_COUNTING, like a tenant rule that names none.
      expect(defaultTimeLimit(type, 'normal').signFor).toEqual({ unit: 'working-days', amount: 1 });
      expect(defaultTimeLimit(type, 'normal').handling).toEqual({ unit: 'working-days', amount: days[type] });
      expect(toCalendarRule(defaultTimeLimit(type, 'normal').signFor)).toEqual({ unit: 'working-days', amount: 1, counting: 'from-next-day' });
    }
  });

  it('uses calendar minutes for urgent (30 / 1440) and critical (15 / 120) requests of every type', () => {
    for (const type of REQUEST_TYPES) {
      expect(defaultTimeLimit(type, 'urgent')).toMatchObject({
        signFor: { unit: 'calendar-minutes', amount: 30 },
        handling: { unit: 'calendar-minutes', amount: 1440 },
      });
      expect(defaultTimeLimit(type, 'critical')).toMatchObject({
        signFor: { unit: 'calendar-minutes', amount: 15 },
        handling: { unit: 'calendar-minutes', amount: 120 },
      });
    }
  });

  it('looks unknown upstream codes up as other / normal', () => {
    expect(defaultTimeLimit(toRequestType('petition'), toUrgency('URGENT'))).toEqual(defaultTimeLimit('other', 'normal'));
    expect(toRequestType('')).toBe('other');
    expect(toUrgency(undefined)).toBe('normal');
    expect(toUrgency('critical')).toBe('critical');
  });
});

describe('effective table', () => {
  const own: TimeLimit = {
    requestType: 'help',
    urgency: 'urgent',
    signFor: { unit: 'calendar-minutes', amount: 10 },
    handling: { unit: 'working-hours', amount: 4 },
  };

  it('has 21 rows in table order with tenant rows over defaults', () => {
    const table = effectiveTimeLimits([own]);
    expect(table).toHaveLength(21);
    expect(table.map((r) => `${r.requestType}/${r.urgency}`)).toEqual(REQUEST_TYPES.flatMap((t) => URGENCIES.map((u) => `${t}/${u}`)));
    expect(table.filter((r) => r.source === 'tenant')).toEqual([{ ...own, source: 'tenant' }]);
    expect(table.find((r) => r.requestType === 'help' && r.urgency === 'normal')?.source).toBe('default');
  });

  it('looks one pair up, falling back to the default', () => {
    expect(lookupTimeLimit([own], 'help', 'urgent')).toBe(own);
    expect(lookupTimeLimit([own], 'help', 'critical')).toEqual(defaultTimeLimit('help', 'critical'));
  });
});

describe('calendar rules', () => {
  it('gives working-days rules a counting, DEFAULT_COUNTING unless the rule names one', () => {
    expect(DEFAULT_COUNTING).toBe('from-next-day');
    expect(toCalendarRule({ unit: 'working-days', amount: 3 })).toEqual({ unit: 'working-days', amount: 3, counting: DEFAULT_COUNTING });
    expect(toCalendarRule({ unit: 'working-days', amount: 3, counting: 'from-receipt' })).toEqual({
      unit: 'working-days',
      amount: 3,
      counting: 'from-receipt',
    });
    expect(toCalendarRule({ unit: 'working-hours', amount: 3, counting: 'from-next-day' })).toEqual({ unit: 'working-hours', amount: 3 });
  });

  it("fixes an order's limit with the counting resolved", () => {
    expect(orderTimeLimit(defaultTimeLimit('complaint', 'normal'))).toEqual({
      signFor: { unit: 'working-days', amount: 1, counting: 'from-next-day' },
      handling: { unit: 'working-days', amount: 15, counting: 'from-next-day' },
    });
  });

  it('lets a tenant that counts 含本数 say so per rule', () => {
    const calendar = createWorkingCalendar({});
    // Fri 2025-01-24 10:00 (+08): the 调休 Sunday 01-26 is a working day.
    const created = new Date('2025-01-24T02:00:00Z');
    const guangzhou = orderTimeLimit({
      signFor: { unit: 'working-days', amount: 1, counting: 'from-receipt' },
      handling: { unit: 'working-days', amount: 2, counting: 'from-receipt' },
    });
    expect(initialDues(calendar, created, guangzhou)).toMatchObject({
      signDueAt: new Date('2025-01-24T16:00:00Z'), // Friday is day 1
      handleDueAt: new Date('2025-01-26T16:00:00Z'), // Sunday 01-26 is day 2
    });
    expect(initialDues(calendar, created, orderTimeLimit(defaultTimeLimit('consultation', 'normal')))).toMatchObject({
      signDueAt: new Date('2025-01-26T16:00:00Z'), // the make-up Sunday is day 1
      handleDueAt: new Date('2025-01-27T16:00:00Z'),
    });
  });
});

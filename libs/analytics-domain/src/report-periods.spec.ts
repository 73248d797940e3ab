import { isoWeekKey, nextPeriod, periodAt, periodInstants, periodOf, periodTitle, previousPeriod, scheduledAt } from './report-periods';
import { compareFigures, rankUnits } from './report-rankings';

describe('report periods', () => {
  it('keys ISO weeks by the year of their Thursday', () => {
    expect(isoWeekKey('2025-03-12')).toBe('2025-W11');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01'); // Monday of the week holding 2025-01-02 (Thursday)
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53'); // Sunday of 2020's 53rd week
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53'); // a Friday
    expect(isoWeekKey('2025-12-28')).toBe('2025-W52');
  });

  it('takes a day as itself', () => {
    expect(periodOf('daily', '2025-03-12')).toEqual({ period: 'daily', start: '2025-03-12', end: '2025-03-12', key: '2025-03-12' });
    expect(previousPeriod(periodOf('daily', '2025-03-01')).start).toBe('2025-02-28');
    expect(nextPeriod(periodOf('daily', '2024-12-31')).start).toBe('2025-01-01');
  });

  it('takes a week from Monday to Sunday, across a year end', () => {
    expect(periodOf('weekly', '2025-01-01')).toEqual({ period: 'weekly', start: '2024-12-30', end: '2025-01-05', key: '2025-W01' });
    expect(periodOf('weekly', '2021-01-03')).toEqual({ period: 'weekly', start: '2020-12-28', end: '2021-01-03', key: '2020-W53' });
    expect(periodOf('weekly', '2025-03-10').start).toBe('2025-03-10'); // a Monday is its own week's start
    expect(periodOf('weekly', '2025-03-16').start).toBe('2025-03-10'); // a Sunday ends it
    expect(previousPeriod(periodOf('weekly', '2025-01-01'))).toMatchObject({ start: '2024-12-23', end: '2024-12-29', key: '2024-W52' });
    expect(nextPeriod(periodOf('weekly', '2020-12-30'))).toMatchObject({ start: '2021-01-04', key: '2021-W01' });
  });

  it('takes a calendar month, leap Februaries included', () => {
    expect(periodOf('monthly', '2024-02-10')).toEqual({ period: 'monthly', start: '2024-02-01', end: '2024-02-29', key: '2024-02' });
    expect(periodOf('monthly', '2025-02-28').end).toBe('2025-02-28');
    expect(periodOf('monthly', '2025-12-31')).toMatchObject({ start: '2025-12-01', end: '2025-12-31' });
    expect(previousPeriod(periodOf('monthly', '2025-01-15'))).toMatchObject({ start: '2024-12-01', end: '2024-12-31', key: '2024-12' });
    expect(previousPeriod(periodOf('monthly', '2025-03-31'))).toMatchObject({ start: '2025-02-01', end: '2025-02-28' });
    expect(nextPeriod(periodOf('monthly', '2025-12-01')).key).toBe('2026-01');
  });

  it('reads the period of an instant in the tenant time zone', () => {
    const instant = new Date('2025-03-11T16:30:00Z');
    expect(periodAt('daily', instant, 'Asia/Shanghai').start).toBe('2025-03-12');
    expect(periodAt('daily', instant, 'UTC').start).toBe('2025-03-11');
    // 2025-03-31T16:30Z is already April in Shanghai.
    expect(periodAt('monthly', new Date('2025-03-31T16:30:00Z'), 'Asia/Shanghai').key).toBe('2025-04');
    // Sunday 2025-03-16 23:30 in Shanghai is still week 11; 00:30 Monday is week 12.
    expect(periodAt('weekly', new Date('2025-03-16T15:30:00Z'), 'Asia/Shanghai').key).toBe('2025-W11');
    expect(periodAt('weekly', new Date('2025-03-16T16:30:00Z'), 'Asia/Shanghai').key).toBe('2025-W12');
  });

  it('covers the local midnights of the period, daylight saving time included', () => {
    expect(periodInstants(periodOf('daily', '2025-03-12'), 'Asia/Shanghai')).toEqual({
      startsAt: new Date('2025-03-11T16:00:00Z'),
      endsAt: new Date('2025-03-12T16:00:00Z'),
    });
    // New York springs forward on 2025-03-09: that day lasts 23 hours.
    const { startsAt, endsAt } = periodInstants(periodOf('daily', '2025-03-09'), 'America/New_York');
    expect([startsAt.toISOString(), endsAt.toISOString()]).toEqual(['2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z']);
    expect(periodInstants(periodOf('monthly', '2025-03-05'), 'Asia/Shanghai').endsAt).toEqual(new Date('2025-03-31T16:00:00Z'));
  });

  it('schedules a report after its period ends, plus the wait for late events', () => {
    expect(scheduledAt(periodOf('daily', '2025-03-12'), 'Asia/Shanghai', 60)).toEqual(new Date('2025-03-12T17:00:00Z'));
    expect(scheduledAt(periodOf('weekly', '2025-03-12'), 'Asia/Shanghai', 0)).toEqual(new Date('2025-03-16T16:00:00Z'));
    expect(scheduledAt(periodOf('monthly', '2024-12-12'), 'Asia/Shanghai', 30)).toEqual(new Date('2024-12-31T16:30:00Z'));
  });

  it('titles a period in Chinese', () => {
    expect(periodTitle(periodOf('daily', '2025-03-12'))).toBe('2025年3月12日');
    expect(periodTitle(periodOf('weekly', '2025-01-01'))).toBe('2025年第1周（12月30日至1月5日）');
    expect(periodTitle(periodOf('monthly', '2025-03-12'))).toBe('2025年3月');
  });
});

describe('report rankings and comparisons', () => {
  const unit = (unitId: string, numerator: number, denominator: number) => ({
    unitId, unitName: unitId, numerator, denominator, rate: denominator ? numerator / denominator : null,
  });

  it('ranks best first, the larger denominator first at an equal rate, equal rates sharing a rank, units without a rate last', () => {
    const ranked = rankUnits([unit('u-c', 1, 2), unit('u-z', 0, 0), unit('u-a', 2, 2), unit('u-b', 4, 4), unit('u-d', 1, 2)]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([['u-b', 1], ['u-a', 1], ['u-c', 3], ['u-d', 3], ['u-z', null]]);
  });

  it('compares with the previous period: the difference and the relative change', () => {
    expect(compareFigures(12, 8)).toEqual({ current: 12, previous: 8, delta: 4, change: 0.5 });
    expect(compareFigures(0.75, 1)).toEqual({ current: 0.75, previous: 1, delta: -0.25, change: -0.25 });
    expect(compareFigures(3, 0)).toEqual({ current: 3, previous: 0, delta: 3, change: null });
    expect(compareFigures(null, 0.5)).toEqual({ current: null, previous: 0.5, delta: null, change: null });
  });
});

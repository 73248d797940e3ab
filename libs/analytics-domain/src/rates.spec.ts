import { isSatisfied, NO_REVISITS, NO_WORK_ORDERS, rate, rateRow, round4 } from './rates';

describe('rate arithmetic', () => {
  it('is null when the denominator is zero, never NaN or Infinity', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 0)).toBeNull();
    expect(rate(0, 5)).toBe(0);
  });

  it('rounds to 4 decimals', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(1, 8)).toBe(0.125);
    expect(rate(7, 7)).toBe(1);
    expect(round4(0.12345)).toBe(0.1235);
    expect(round4(12.00004)).toBe(12);
    expect(round4(-0.00001)).toBe(0);
  });

  it('counts satisfied and basically-satisfied, not dissatisfied or missing answers', () => {
    expect(isSatisfied('satisfied')).toBe(true);
    expect(isSatisfied('basically-satisfied')).toBe(true);
    expect(isSatisfied('dissatisfied')).toBe(false);
    expect(isSatisfied('')).toBe(false);
    expect(isSatisfied(null)).toBe(false);
  });

  it('builds every rate of a group from its counts', () => {
    const row = rateRow(
      'u1',
      'Water bureau',
      { workOrders: 4, signedOnTime: 3, answered: 3, answeredOnTime: 2, handlingWorkingHoursSum: 10 },
      { revisits: 3, resolved: 2, satisfiedOrBasicallySatisfied: 1 },
    );
    expect(row).toEqual({
      key: 'u1',
      label: 'Water bureau',
      workOrders: 4,
      signedOnTime: 3,
      responseRate: 0.75,
      answered: 3,
      answeredOnTime: 2,
      onTimeAnswerRate: 0.6667,
      avgHandlingWorkingHours: 3.3333,
      revisits: 3,
      resolved: 2,
      resolutionRate: 0.6667,
      satisfiedOrBasicallySatisfied: 1,
      satisfactionRate: 0.3333,
    });
  });

  it('gives null rates for a group without work orders or revisits', () => {
    const row = rateRow('c', 'c', NO_WORK_ORDERS, NO_REVISITS);
    expect([row.responseRate, row.onTimeAnswerRate, row.avgHandlingWorkingHours, row.resolutionRate, row.satisfactionRate]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

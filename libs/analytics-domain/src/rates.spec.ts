import { isSatisfied, SATISFIED_LEVELS } from '@hotline/vocabulary';
import { NO_REVISITS, NO_WORK_ORDERS, rate, rateRow, round4, WorkOrderCounts } from './rates';

const orders = (counts: Partial<WorkOrderCounts>): WorkOrderCounts => ({ ...NO_WORK_ORDERS, ...counts });

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

  it('counts satisfied and basically-satisfied (the vocabulary levels), not dissatisfied or missing answers', () => {
    expect(SATISFIED_LEVELS).toEqual(['satisfied', 'basically-satisfied']);
    expect(isSatisfied('satisfied')).toBe(true);
    expect(isSatisfied('basically-satisfied')).toBe(true);
    expect(isSatisfied('dissatisfied')).toBe(false);
    expect(isSatisfied('')).toBe(false);
    expect(isSatisfied(null)).toBe(false);
  });

  it('builds every rate of a group from its counts, each beside its denominator', () => {
    const row = rateRow(
      'u1',
      'Water bureau',
      orders({
        workOrders: 6, cancelled: 1, signed: 4, signedOnTime: 3, unsignedPastDue: 1,
        answered: 3, answeredOnTime: 2, unansweredPastDue: 1, handlingWorkingHoursSum: 10, urged: 2, urgeNotices: 1, circulars: 0, supervisions: 3,
      }),
      { revisits: 3, resolved: 2, satisfiedOrBasicallySatisfied: 1, skippedRevisits: 2 },
    );
    expect(row).toEqual({
      key: 'u1',
      label: 'Water bureau',
      workOrders: 6,
      cancelled: 1,
      signed: 4,
      signedOnTime: 3,
      unsignedPastDue: 1,
      responseDenominator: 5,
      responseRate: 0.6,
      answered: 3,
      answeredOnTime: 2,
      unansweredPastDue: 1,
      onTimeAnswerDenominator: 4,
      onTimeAnswerRate: 0.5,
      avgHandlingWorkingHours: 3.3333,
      revisits: 3,
      skippedRevisits: 2,
      resolved: 2,
      resolutionRate: 0.6667,
      satisfiedOrBasicallySatisfied: 1,
      satisfactionRate: 0.3333,
      // 催办率: orders urged at least once of the orders created.
      urged: 2,
      urgeNotices: 1,
      circulars: 0,
      supervisions: 3,
      urgeRate: 0.3333,
    });
  });

  it('does not count orders still inside their windows: no decided order, no rate', () => {
    // Six orders created, none signed or answered, none past a due: nothing to judge yet.
    const row = rateRow('u1', 'u1', orders({ workOrders: 6 }), NO_REVISITS);
    expect(row).toMatchObject({ responseDenominator: 0, responseRate: null, onTimeAnswerDenominator: 0, onTimeAnswerRate: null });
  });

  it('counts an order left unsigned or unanswered past its due as a miss', () => {
    const row = rateRow('u1', 'u1', orders({ workOrders: 2, signed: 1, signedOnTime: 1, unsignedPastDue: 1, unansweredPastDue: 2 }), NO_REVISITS);
    expect(row).toMatchObject({ responseRate: 0.5, onTimeAnswerDenominator: 2, onTimeAnswerRate: 0, avgHandlingWorkingHours: null });
  });

  it('leaves skipped revisits out of the resolution and satisfaction denominators', () => {
    const row = rateRow('u1', 'u1', NO_WORK_ORDERS, { ...NO_REVISITS, skippedRevisits: 4 });
    expect(row).toMatchObject({ revisits: 0, skippedRevisits: 4, resolutionRate: null, satisfactionRate: null });
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

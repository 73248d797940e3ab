import { isSatisfied, SATISFIED_LEVELS } from '@hotline/vocabulary';
import { DEFAULT_RATE_SETTINGS } from './rate-settings';
import { NO_COMPLETIONS, NO_REVISITS, NO_WORK_ORDERS, rate, rateRow, RevisitCounts, round4, weighted, WorkOrderCounts } from './rates';

const orders = (counts: Partial<WorkOrderCounts>): WorkOrderCounts => ({ ...NO_WORK_ORDERS, ...counts });
const revisits = (counts: Partial<RevisitCounts>): RevisitCounts => ({ ...NO_REVISITS, ...counts });

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
      revisits({ revisits: 3, resolved: 2, satisfiedOrBasicallySatisfied: 1, skippedRevisits: 2, satisfied: 1, dissatisfied: 2 }),
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
      terminatedWorkOrders: 0,
      partlyResolved: 0,
      resolutionNumerator: 2,
      satisfied: 1,
      basicallySatisfied: 0,
      dissatisfied: 2,
      validEvaluations: 3,
      satisfactionNumerator: 1,
      unratedEvaluations: 0,
      unreasonableEvaluations: 0,
      defaultedEvaluations: 0,
      redone: 0,
      redoRounds: 0,
      redoRate: 0,
      revisitDenominator: 0,
      revisitedRequests: 0,
      revisitRate: null,
      completionDenominator: 0,
      requestsCompletedOnTime: 0,
      onTimeCompletionRate: null,
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

  describe('the tenant\'s weights (domain.md §9.3)', () => {
    const evaluations = revisits({ revisits: 10, resolved: 5, partlyResolved: 2, satisfied: 4, basicallySatisfied: 3, dissatisfied: 1 });

    it('counts 基本满意 as satisfied and 部分解决 as not resolved by default', () => {
      expect(DEFAULT_RATE_SETTINGS).toEqual({ basicallySatisfiedWeight: 1, partlyResolvedWeight: 0, excludeTerminated: true, excludeUnreasonableEvaluations: true });
      const row = rateRow('u', 'u', NO_WORK_ORDERS, evaluations);
      expect(row).toMatchObject({ resolutionNumerator: 5, resolutionRate: 0.5, validEvaluations: 8, satisfactionNumerator: 7, satisfactionRate: 0.875 });
    });

    it('weighs 基本满意 in 满意率 and 部分解决 in 解决率 as set', () => {
      const row = rateRow('u', 'u', NO_WORK_ORDERS, evaluations, NO_COMPLETIONS, { basicallySatisfiedWeight: 0.5, partlyResolvedWeight: 0.5 });
      // 满意率 = (4 + 0.5 × 3) / 8; 解决率 = (5 + 0.5 × 2) / 10.
      expect(row).toMatchObject({ satisfactionNumerator: 5.5, satisfactionRate: 0.6875, resolutionNumerator: 6, resolutionRate: 0.6 });
      const strict = rateRow('u', 'u', NO_WORK_ORDERS, evaluations, NO_COMPLETIONS, { basicallySatisfiedWeight: 0, partlyResolvedWeight: 1 });
      expect(strict).toMatchObject({ satisfactionNumerator: 4, satisfactionRate: 0.5, resolutionNumerator: 7, resolutionRate: 0.7 });
    });

    it('keeps weighted numerators exact to 4 decimals (0.1 is not exact in binary)', () => {
      expect(weighted(1, 3, 0.1)).toBe(1.3);
      expect(weighted(0, 7, 0.3)).toBe(2.1);
    });

    it('takes 满意率\'s denominator from the valid evaluations only: unrated and unreasonable ones are already out of the levels', () => {
      const row = rateRow('u', 'u', NO_WORK_ORDERS, revisits({ revisits: 5, satisfiedOrBasicallySatisfied: 2, satisfied: 2, dissatisfied: 1, unratedEvaluations: 1, unreasonableEvaluations: 1 }));
      expect(row).toMatchObject({ revisits: 5, validEvaluations: 3, satisfactionRate: 0.6667, unratedEvaluations: 1, unreasonableEvaluations: 1 });
    });
  });

  it('computes 重办率 over the evaluated orders, 回访率 over the closed requests that needed a revisit, and on-time completion per request', () => {
    const row = rateRow(
      'u', 'u', NO_WORK_ORDERS,
      revisits({ revisits: 4, redone: 1, redoRounds: 2, revisitDenominator: 5, revisitedRequests: 4 }),
      { completionDenominator: 3, requestsCompletedOnTime: 2 },
    );
    expect(row).toMatchObject({ redoRate: 0.25, redoRounds: 2, revisitRate: 0.8, onTimeCompletionRate: 0.6667 });
    expect(rateRow('u', 'u', NO_WORK_ORDERS, NO_REVISITS)).toMatchObject({ redoRate: null, revisitRate: null, onTimeCompletionRate: null });
  });
});

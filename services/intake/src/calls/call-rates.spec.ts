import { DEFAULT_CALL_POLICY, isShortAbandon, wantsCallback } from './call-policy';
import { callRates, rate, sumCounts } from './call-rates';

describe('call rates', () => {
  const day = { calls: 20, answered: 16, answeredInTime: 12, abandoned: 4, shortAbandoned: 2 };

  it('leaves short abandons out of the offered calls by default: 人工接通率 16/18, 及时率 12/16', () => {
    const r = callRates(day, DEFAULT_CALL_POLICY);
    expect(r.offered).toBe(18);
    expect(r.answerRate).toEqual({ value: 0.8889, numerator: 16, denominator: 18 });
    expect(r.timelyAnswerRate).toEqual({ value: 0.75, numerator: 12, denominator: 16 });
    expect(r.abandonRate).toEqual({ value: 0.1111, numerator: 2, denominator: 18 });
  });

  it('counts them when the tenant says so: 16/20', () => {
    const r = callRates(day, { shortAbandonsCounted: true });
    expect(r.offered).toBe(20);
    expect(r.answerRate).toEqual({ value: 0.8, numerator: 16, denominator: 20 });
    expect(r.abandonRate.numerator).toBe(4);
    // The timeliness of answers does not depend on abandons at all.
    expect(r.timelyAnswerRate.value).toBe(0.75);
  });

  it('gives no rate without a denominator, rather than 0 or 100 %', () => {
    const none = callRates({ calls: 1, answered: 0, answeredInTime: 0, abandoned: 1, shortAbandoned: 1 }, DEFAULT_CALL_POLICY);
    expect(none.offered).toBe(0);
    expect(none.answerRate).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(none.timelyAnswerRate.value).toBeNull();
    expect(rate(1, 3).value).toBe(0.3333);
  });

  it('rates a sum of days as the sum of its counts, not the mean of its rates', () => {
    const a = { calls: 1, answered: 1, answeredInTime: 1, abandoned: 0, shortAbandoned: 0 };
    const b = { calls: 3, answered: 1, answeredInTime: 0, abandoned: 2, shortAbandoned: 0 };
    const total = callRates(sumCounts([a, b]), DEFAULT_CALL_POLICY);
    expect(total.answerRate).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(total.timelyAnswerRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
  });

  it('tells a short abandon and who gets a callback by the thresholds, edges included', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, s));
    expect(isShortAbandon({ offeredAt: at(0), endedAt: at(5) }, DEFAULT_CALL_POLICY)).toBe(true);
    expect(isShortAbandon({ offeredAt: at(0), endedAt: at(6) }, DEFAULT_CALL_POLICY)).toBe(false);
    expect(wantsCallback({ offeredAt: at(0), endedAt: at(30), hasCallerNumber: true }, DEFAULT_CALL_POLICY)).toBe(true);
    expect(wantsCallback({ offeredAt: at(0), endedAt: at(30), hasCallerNumber: false }, DEFAULT_CALL_POLICY)).toBe(false);
    expect(wantsCallback({ offeredAt: at(0), endedAt: at(3), hasCallerNumber: true }, DEFAULT_CALL_POLICY)).toBe(false);
    expect(wantsCallback({ offeredAt: at(0), endedAt: at(3), hasCallerNumber: true }, { ...DEFAULT_CALL_POLICY, callbackShortAbandons: true })).toBe(true);
  });
});

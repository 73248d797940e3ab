import { callRates, callRatesExcluding, callWaitSeconds, isAnsweredInTime, isShortAbandonWait, sumCallCounts } from './call-rates';

describe('call rates (shared by intake and analytics)', () => {
  const day = { calls: 20, answered: 16, answeredInTime: 12, abandoned: 4, shortAbandoned: 2 };

  it('is one formula whether the exclusion comes from the policy or was counted per call', () => {
    expect(callRatesExcluding(day, 2)).toEqual(callRates(day, { shortAbandonsCounted: false }));
    expect(callRatesExcluding(day, 0)).toEqual(callRates(day, { shortAbandonsCounted: true }));
    // Calls recorded under two policies: one short abandon left out, one counted.
    const mixed = callRatesExcluding(day, 1);
    expect(mixed.offered).toBe(19);
    expect(mixed.answerRate).toEqual({ value: 0.8421, numerator: 16, denominator: 19 });
    expect(mixed.abandonRate).toEqual({ value: 0.1579, numerator: 3, denominator: 19 });
  });

  it('sums counts, never rates', () => {
    expect(sumCallCounts([day, day])).toEqual({ calls: 40, answered: 32, answeredInTime: 24, abandoned: 8, shortAbandoned: 4 });
    expect(sumCallCounts([])).toEqual({ calls: 0, answered: 0, answeredInTime: 0, abandoned: 0, shortAbandoned: 0 });
  });

  it('counts "within" inclusively, to the millisecond', () => {
    const at = (ms: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, 0) + ms);
    expect(isAnsweredInTime(callWaitSeconds(at(0), at(15_000)), 15)).toBe(true);
    expect(isAnsweredInTime(callWaitSeconds(at(0), at(15_001)), 15)).toBe(false);
    expect(isShortAbandonWait(callWaitSeconds(at(0), at(5_000)), 5)).toBe(true);
    expect(isShortAbandonWait(callWaitSeconds(at(0), at(5_001)), 5)).toBe(false);
  });
});

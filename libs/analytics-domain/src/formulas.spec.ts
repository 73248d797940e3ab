import { describeRates, RATE_FORMULAS } from './formulas';
import { rateRow, NO_REVISITS, NO_WORK_ORDERS } from './rates';

describe('rate formulas', () => {
  it('states the formula of every rate of a row, and names its denominator', () => {
    const row = rateRow('k', 'k', NO_WORK_ORDERS, NO_REVISITS);
    const rates = Object.keys(row).filter((field) => field.endsWith('Rate') || field === 'avgHandlingWorkingHours');
    expect(RATE_FORMULAS.map((f) => f.field).sort()).toEqual(rates.sort());
    for (const f of RATE_FORMULAS) {
      const denominator = f.formula.split(' / ')[1]?.split(',')[0]?.trim();
      expect(Object.keys(row)).toContain(denominator);
    }
  });

  it('describes them in one paragraph for the API documentation', () => {
    const text = describeRates();
    expect(text).toContain('responseRate (响应率) = signedOnTime / responseDenominator, responseDenominator = signed + unsignedPastDue');
    expect(text).toContain('onTimeAnswerRate (按时答复率) = answeredOnTime / onTimeAnswerDenominator');
    expect(text).toContain('ORIGINAL handling due');
    expect(text).toContain('satisfied or basically-satisfied');
    expect(text).toContain('resolutionRate (解决率) = resolutionNumerator / revisits, resolutionNumerator = resolved + partlyResolvedWeight × partlyResolved');
    expect(text).toContain('satisfactionRate (满意率) = satisfactionNumerator / validEvaluations');
    expect(text).toContain('redoRate (重办率) = redone / revisits');
    expect(text).toContain('revisitRate (回访率) = revisitedRequests / revisitDenominator');
    expect(text).toContain('onTimeCompletionRate (按时办结率) = requestsCompletedOnTime / completionDenominator');
    expect(text).toContain('basis.excludeTerminated');
  });
});

import { ProblemError } from '@hotline/platform';
import { parsePutPolicy } from './policies.schemas';

const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof ProblemError) return err.errors;
    throw err;
  }
  throw new Error('expected a validation problem');
};

describe('sampling policy input', () => {
  it('takes a request-type code or * with a percent and a window', () => {
    expect(parsePutPolicy('complaint', { samplePercent: 100, windowHours: 48 })).toEqual({
      requestType: 'complaint', samplePercent: 100, windowHours: 48, maxAttempts: 3, defaultEvaluation: null,
    });
    expect(parsePutPolicy('*', { samplePercent: 100, windowHours: 240, maxAttempts: 2, defaultEvaluation: { satisfaction: 'satisfied', resolution: 'resolved' } }))
      .toMatchObject({ maxAttempts: 2, defaultEvaluation: { satisfaction: 'satisfied', resolution: 'resolved' } });
    expect(parsePutPolicy('*', { samplePercent: 0, windowHours: 720 })).toMatchObject({ requestType: '*' });
  });

  it('names a Chinese label’s code and lists every code', () => {
    const [error] = fieldsOf(() => parsePutPolicy('投诉', { samplePercent: 1, windowHours: 1 }))!;
    expect(error!.field).toBe('requestType');
    expect(error!.message).toBe(
      '"投诉" is the label of complaint: use the code, one of *, consultation, help, complaint, report, suggestion, praise, other (a request-type code, or * for the default rule)',
    );
    expect(fieldsOf(() => parsePutPolicy('petition', {}))!.map((e) => e.field)).toEqual(['requestType', 'samplePercent', 'windowHours']);
  });

  it('refuses out-of-range and unknown body fields', () => {
    expect(fieldsOf(() => parsePutPolicy('help', { samplePercent: 12.5, windowHours: 721, extra: 1 }))!.map((e) => e.field)).toEqual([
      'samplePercent', 'windowHours', '(body)',
    ]);
    expect(fieldsOf(() => parsePutPolicy('help', { samplePercent: 1, windowHours: 1, maxAttempts: 0, defaultEvaluation: { satisfaction: '满意', resolution: 'resolved' } }))!
      .map((e) => e.field)).toEqual(['maxAttempts', 'defaultEvaluation.satisfaction']);
  });
});

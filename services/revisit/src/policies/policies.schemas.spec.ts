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
  it('takes a request-type code or * with a percent and a window; absent fields keep the earlier behaviour', () => {
    expect(parsePutPolicy('complaint', { samplePercent: 100, windowHours: 48 })).toEqual({
      requestType: 'complaint', channelKind: '*', samplePercent: 100, windowHours: 48, maxAttempts: 3, defaultEvaluation: null,
      methods: ['phone', 'sms', 'online'], anonymous: 'skip',
    });
    expect(parsePutPolicy('*', { samplePercent: 100, windowHours: 240, maxAttempts: 2, defaultEvaluation: { satisfaction: 'satisfied', resolution: 'resolved' } }))
      .toMatchObject({ maxAttempts: 2, defaultEvaluation: { satisfaction: 'satisfied', resolution: 'resolved' } });
    expect(parsePutPolicy('*', { samplePercent: 0, windowHours: 720 })).toMatchObject({ requestType: '*', channelKind: '*' });
  });

  it('takes a channel kind or * for a channel rule, the methods (once each, in the vocabulary’s order) and the anonymous switch', () => {
    expect(parsePutPolicy('consultation', { samplePercent: 30, windowHours: 72, methods: ['online', 'phone', 'online'], anonymous: 'hotline-check' }, 'web'))
      .toMatchObject({ requestType: 'consultation', channelKind: 'web', methods: ['phone', 'online'], anonymous: 'hotline-check' });
    expect(parsePutPolicy('*', { samplePercent: 10, windowHours: 1 }, 'mobile-app')).toMatchObject({ requestType: '*', channelKind: 'mobile-app' });
    expect(parsePutPolicy('help', { samplePercent: 10, windowHours: 1 }, '*')).toMatchObject({ channelKind: '*' });
  });

  it('names a Chinese label’s code and lists every code', () => {
    const [error] = fieldsOf(() => parsePutPolicy('投诉', { samplePercent: 1, windowHours: 1 }))!;
    expect(error!.field).toBe('requestType');
    expect(error!.message).toBe(
      '"投诉" is the label of complaint: use the code, one of *, consultation, help, complaint, report, suggestion, praise, other (a request-type code, or * for the default rule)',
    );
    expect(fieldsOf(() => parsePutPolicy('petition', {}))!.map((e) => e.field)).toEqual(['requestType', 'samplePercent', 'windowHours']);
    const [channel] = fieldsOf(() => parsePutPolicy('help', { samplePercent: 1, windowHours: 1 }, '网站'))!;
    expect(channel).toEqual({
      field: 'channelKind',
      message: '"网站" is the label of web: use the kind, one of *, phone, web, mobile-app, wechat, sms, email, linkage (a channel kind, or * for every channel)',
    });
  });

  it('refuses out-of-range and unknown body fields, no or unknown methods and an unknown anonymous switch, all at once', () => {
    expect(fieldsOf(() => parsePutPolicy('help', { samplePercent: 12.5, windowHours: 721, extra: 1 }))!.map((e) => e.field)).toEqual([
      'samplePercent', 'windowHours', '(body)',
    ]);
    expect(fieldsOf(() => parsePutPolicy('help', { samplePercent: 1, windowHours: 1, maxAttempts: 0, defaultEvaluation: { satisfaction: '满意', resolution: 'resolved' } }))!
      .map((e) => e.field)).toEqual(['maxAttempts', 'defaultEvaluation.satisfaction']);
    expect(fieldsOf(() => parsePutPolicy('help', { samplePercent: 1, windowHours: 1, methods: [], anonymous: 'call' }, 'fax'))!.map((e) => e.field))
      .toEqual(['channelKind', 'methods', 'anonymous']);
    expect(fieldsOf(() => parsePutPolicy('help', { samplePercent: 1, windowHours: 1, methods: ['letter'] }))!.map((e) => e.field)).toEqual(['methods.0']);
  });
});

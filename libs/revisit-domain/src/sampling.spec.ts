import { bySamplingKey, DEFAULT_REVISIT_RULE, isSampled, isSamplingKey, requestTypeLabelled, ruleFor, SAMPLING_KEYS, sampleBucket } from './sampling';

describe('sampling policy keys', () => {
  it('are the default rule and the request-type codes, not their labels', () => {
    expect(SAMPLING_KEYS).toEqual(['*', 'consultation', 'help', 'complaint', 'report', 'suggestion', 'praise', 'other']);
    expect(isSamplingKey('complaint')).toBe(true);
    expect(isSamplingKey('*')).toBe(true);
    for (const bad of ['投诉', 'Complaint', '', 3, undefined]) expect(isSamplingKey(bad)).toBe(false);
  });

  it('sort with the default rule first, then in the vocabulary order', () => {
    expect((['other', 'complaint', '*', 'consultation'] as const).slice().sort(bySamplingKey)).toEqual(['*', 'consultation', 'complaint', 'other']);
  });

  it('name the code behind a Chinese label', () => {
    expect(requestTypeLabelled('投诉')).toBe('complaint');
    expect(requestTypeLabelled('其他')).toBe('other');
    expect(requestTypeLabelled('其它')).toBeUndefined();
  });

  it('take a type’s own rule, else the tenant’s * rule, else the default (everything, 72 h, 3 attempts)', () => {
    const rule = (requestType: '*' | 'consultation', samplePercent: number) => ({ requestType, samplePercent, windowHours: 24, maxAttempts: 2, defaultEvaluation: null });
    const policies = [rule('*', 100), rule('consultation', 30)];
    expect(ruleFor(policies, 'consultation').samplePercent).toBe(30);
    expect(ruleFor(policies, 'complaint').samplePercent).toBe(100);
    expect(ruleFor([], 'complaint')).toEqual(DEFAULT_REVISIT_RULE);
    expect(DEFAULT_REVISIT_RULE).toEqual({ samplePercent: 100, windowHours: 72, maxAttempts: 3, defaultEvaluation: null });
  });
});

describe('sampling draw (deterministic hashing of tenant and request id)', () => {
  it('draws the same request the same way every time, and everything at 100 %, nothing at 0 %', () => {
    const id = '019ade00-0000-7000-8000-000000000001';
    expect(sampleBucket('city-a', id)).toBe(sampleBucket('city-a', id));
    expect(isSampled(100, 'city-a', id)).toBe(true);
    expect(isSampled(0, 'city-a', id)).toBe(false);
  });

  // The ids are fixed, so the draw is too: the test never flakes, and a change to the hashing
  // that skews it fails here.
  it('draws a 30 % share of 400 request ids within 7 points (3 binomial standard deviations: 3 × √(0.3 × 0.7 / 400) ≈ 6.9 %)', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `019ade00-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const share = ids.filter((id) => isSampled(30, 'city-3201', id)).length / ids.length;
    expect(Math.abs(share - 0.3)).toBeLessThanOrEqual(0.07);
  });
});

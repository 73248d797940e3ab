import { toPolicyMessage, toRevisitRule } from './policies.views';
import { SamplingPolicyEntity } from './sampling-policy.entity';

describe('sampling policy view', () => {
  it('is the proto message, with an RFC 3339 time', () => {
    const policy = Object.assign(new SamplingPolicyEntity(), {
      tenantId: 'city-a', requestType: 'complaint', channelKind: 'web', samplePercent: 50, windowHours: 48, updatedAt: new Date('2025-01-24T02:00:00Z'),
      maxAttempts: 3, defaultSatisfaction: null, defaultResolution: null, methods: ['phone', 'online'], anonymous: 'hotline-check',
    });
    expect(toPolicyMessage(policy)).toEqual({
      requestType: 'complaint', channelKind: 'web', samplePercent: 50, windowHours: 48, updatedAt: '2025-01-24T02:00:00.000Z',
      maxAttempts: 3, defaultSatisfaction: '', defaultResolution: '', methods: ['phone', 'online'], anonymous: 'hotline-check',
    });
    expect(toRevisitRule(policy).defaultEvaluation).toBeNull();
  });

  it('gives the rule with its default evaluation when the tenant sets one (Nanchong: 240 h → 满意)', () => {
    const policy = Object.assign(new SamplingPolicyEntity(), {
      tenantId: 'city-a', requestType: '*', channelKind: '*', samplePercent: 100, windowHours: 240, updatedAt: new Date('2025-01-24T02:00:00Z'),
      maxAttempts: 2, defaultSatisfaction: 'satisfied', defaultResolution: 'resolved', methods: ['online'], anonymous: 'skip',
    });
    expect(toRevisitRule(policy)).toEqual({
      requestType: '*', channelKind: '*', samplePercent: 100, windowHours: 240, maxAttempts: 2,
      defaultEvaluation: { satisfaction: 'satisfied', resolution: 'resolved' }, methods: ['online'], anonymous: 'skip',
    });
  });
});

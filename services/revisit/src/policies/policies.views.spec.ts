import { toPolicyMessage } from './policies.views';
import { SamplingPolicyEntity } from './sampling-policy.entity';

describe('sampling policy view', () => {
  it('is the proto message, with an RFC 3339 time', () => {
    const policy = Object.assign(new SamplingPolicyEntity(), {
      tenantId: 'city-a', requestType: 'complaint', samplePercent: 50, windowHours: 48, updatedAt: new Date('2025-01-24T02:00:00Z'),
    });
    expect(toPolicyMessage(policy)).toEqual({ requestType: 'complaint', samplePercent: 50, windowHours: 48, updatedAt: '2025-01-24T02:00:00.000Z' });
  });
});

import { revisitV1 } from '@hotline/contracts';
import { SamplingPolicyEntity } from './sampling-policy.entity';

/** The one shape of a policy: REST responses, the gRPC query and SamplingPolicyChanged. */
export function toPolicyMessage(p: SamplingPolicyEntity): revisitV1.SamplingPolicy {
  return {
    requestType: p.requestType,
    samplePercent: p.samplePercent,
    windowHours: p.windowHours,
    updatedAt: p.updatedAt.toISOString(),
  };
}

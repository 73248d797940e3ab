import { revisitV1 } from '@hotline/contracts';
import type { RevisitRule, SamplingKey } from '@hotline/revisit-domain';
import { SamplingPolicyEntity } from './sampling-policy.entity';

/** The one shape of a policy: REST responses, the gRPC query and SamplingPolicyChanged. */
export function toPolicyMessage(p: SamplingPolicyEntity): revisitV1.SamplingPolicy {
  return {
    requestType: p.requestType,
    samplePercent: p.samplePercent,
    windowHours: p.windowHours,
    updatedAt: p.updatedAt.toISOString(),
    maxAttempts: p.maxAttempts,
    defaultSatisfaction: p.defaultSatisfaction ?? '',
    defaultResolution: p.defaultResolution ?? '',
  };
}

/** The rule the revisit applies, from a stored policy. */
export function toRevisitRule(p: SamplingPolicyEntity): RevisitRule & { requestType: SamplingKey } {
  return {
    requestType: p.requestType,
    samplePercent: p.samplePercent,
    windowHours: p.windowHours,
    maxAttempts: p.maxAttempts,
    defaultEvaluation:
      p.defaultSatisfaction && p.defaultResolution ? { satisfaction: p.defaultSatisfaction, resolution: p.defaultResolution } : null,
  };
}

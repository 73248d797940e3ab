import { revisitV1 } from '@hotline/contracts';
import type { KeyedRevisitRule } from '@hotline/revisit-domain';
import { SamplingPolicyEntity } from './sampling-policy.entity';

/** The one shape of a policy: REST responses, the gRPC query and SamplingPolicyChanged. */
export function toPolicyMessage(p: SamplingPolicyEntity): revisitV1.SamplingPolicy {
  return {
    requestType: p.requestType,
    channelKind: p.channelKind,
    samplePercent: p.samplePercent,
    windowHours: p.windowHours,
    updatedAt: p.updatedAt.toISOString(),
    maxAttempts: p.maxAttempts,
    defaultSatisfaction: p.defaultSatisfaction ?? '',
    defaultResolution: p.defaultResolution ?? '',
    methods: [...p.methods],
    anonymous: p.anonymous,
  };
}

/** The rule the revisit applies, from a stored policy. */
export function toRevisitRule(p: SamplingPolicyEntity): KeyedRevisitRule {
  return {
    requestType: p.requestType,
    channelKind: p.channelKind,
    samplePercent: p.samplePercent,
    windowHours: p.windowHours,
    maxAttempts: p.maxAttempts,
    defaultEvaluation:
      p.defaultSatisfaction && p.defaultResolution ? { satisfaction: p.defaultSatisfaction, resolution: p.defaultResolution } : null,
    methods: [...p.methods],
    anonymous: p.anonymous,
  };
}

import { EntityManager } from 'typeorm';
import { bySamplingKey, RevisitRule, ruleFor } from '@hotline/revisit-domain';
import { toRevisitRule } from './policies.views';
import { SamplingPolicyEntity } from './sampling-policy.entity';

/** The tenant's policies, default rule first, then in the vocabulary's order. RLS scopes the query. */
export async function listSamplingPolicies(manager: EntityManager): Promise<SamplingPolicyEntity[]> {
  const policies = await manager.getRepository(SamplingPolicyEntity).find();
  return policies.sort((a, b) => bySamplingKey(a.requestType, b.requestType));
}

/** The rule for a request type (its own policy, the tenant's '*' rule, or the default). RLS scopes the query. */
export async function revisitRuleFor(manager: EntityManager, requestType: string): Promise<RevisitRule> {
  const policies = await manager.getRepository(SamplingPolicyEntity).find();
  return ruleFor(policies.map(toRevisitRule), requestType);
}

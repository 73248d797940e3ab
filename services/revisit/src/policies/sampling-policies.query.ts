import { EntityManager } from 'typeorm';
import { bySamplingKey } from '@hotline/revisit-domain';
import { SamplingPolicyEntity } from './sampling-policy.entity';

/** The tenant's policies, default rule first, then in the vocabulary's order. RLS scopes the query. */
export async function listSamplingPolicies(manager: EntityManager): Promise<SamplingPolicyEntity[]> {
  const policies = await manager.getRepository(SamplingPolicyEntity).find();
  return policies.sort((a, b) => bySamplingKey(a.requestType, b.requestType));
}

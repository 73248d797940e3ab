import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { PutPolicy } from './policies.schemas';
import { toPolicyMessage } from './policies.views';
import { SamplingPolicyEntity } from './sampling-policy.entity';

/** Creates or replaces one policy and records SamplingPolicyChanged in the caller's tenant transaction. */
export async function putSamplingPolicy(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  input: PutPolicy,
): Promise<SamplingPolicyEntity> {
  const repo = manager.getRepository(SamplingPolicyEntity);
  const { defaultEvaluation, ...rule } = input;
  const policy = repo.create({
    tenantId,
    ...rule,
    defaultSatisfaction: defaultEvaluation?.satisfaction ?? null,
    defaultResolution: defaultEvaluation?.resolution ?? null,
    updatedAt: new Date(),
  });
  await repo.upsert(policy, ['tenantId', 'requestType']);
  await outbox.append(manager, {
    event: Events.revisit.samplingPolicyChanged,
    tenantId,
    aggregateType: 'sampling-policy',
    aggregateId: policy.requestType,
    payload: { policy: toPolicyMessage(policy) },
  });
  return policy;
}

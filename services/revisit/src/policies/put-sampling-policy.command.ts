import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { ANY_CHANNEL_KIND } from '@hotline/revisit-domain';
import { PutPolicy } from './policies.schemas';
import { toPolicyMessage } from './policies.views';
import { SamplingPolicyEntity } from './sampling-policy.entity';

/**
 * Creates or replaces one rule (a request type, or a type and a channel kind) and records
 * SamplingPolicyChanged in the caller's tenant transaction. The aggregate is the rule's key:
 * `complaint`, as before, for a rule of every channel; `complaint/web` for a channel rule.
 */
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
  await repo.upsert(policy, ['tenantId', 'requestType', 'channelKind']);
  await outbox.append(manager, {
    event: Events.revisit.samplingPolicyChanged,
    tenantId,
    aggregateType: 'sampling-policy',
    aggregateId: policy.channelKind === ANY_CHANNEL_KIND ? policy.requestType : `${policy.requestType}/${policy.channelKind}`,
    payload: { policy: toPolicyMessage(policy) },
  });
  return policy;
}

import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox, ProblemError } from '@hotline/platform';
import { ANY_CHANNEL_KIND, ChannelRuleKey, SamplingKey } from '@hotline/revisit-domain';
import { toPolicyMessage } from './policies.views';
import { SamplingPolicyEntity } from './sampling-policy.entity';

/**
 * Removes one rule, so the next more general one applies (type and kind → type → kind → * →
 * the platform's default), and records SamplingPolicyChanged with `removed` in the caller's
 * tenant transaction. Requests already sampled keep their case file's decision.
 */
export async function removeSamplingPolicy(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  key: { requestType: SamplingKey; channelKind: ChannelRuleKey },
): Promise<void> {
  const repo = manager.getRepository(SamplingPolicyEntity);
  const policy = await repo.findOneBy({ tenantId, requestType: key.requestType, channelKind: key.channelKind });
  if (!policy) throw ProblemError.notFound(`revisit rule ${key.requestType}/${key.channelKind}`);
  await repo.delete({ tenantId, requestType: key.requestType, channelKind: key.channelKind });
  await outbox.append(manager, {
    event: Events.revisit.samplingPolicyChanged,
    tenantId,
    aggregateType: 'sampling-policy',
    aggregateId: key.channelKind === ANY_CHANNEL_KIND ? key.requestType : `${key.requestType}/${key.channelKind}`,
    payload: { policy: toPolicyMessage(policy), removed: true },
  });
}

import { EntityManager } from 'typeorm';
import { byChannelRuleKey, bySamplingKey, channelKindOf, RevisitRule, ruleFor } from '@hotline/revisit-domain';
import type { ChannelKind } from '@hotline/vocabulary';
import { samplingFactsOf } from './channel-kinds.repository';
import { toRevisitRule } from './policies.views';
import { SamplingPolicyEntity } from './sampling-policy.entity';

/** The tenant's rules: by request type (default rule first, then the vocabulary's order), each type's rule for every channel before its channel rules. RLS scopes the query. */
export async function listSamplingPolicies(manager: EntityManager): Promise<SamplingPolicyEntity[]> {
  const policies = await manager.getRepository(SamplingPolicyEntity).find();
  return policies.sort((a, b) => bySamplingKey(a.requestType, b.requestType) || byChannelRuleKey(a.channelKind, b.channelKind));
}

/** The rule for a request type and channel kind (the most specific of the tenant's rules, or the default). RLS scopes the query. */
export async function revisitRuleFor(manager: EntityManager, requestType: string, channelKind: ChannelKind | null = null): Promise<RevisitRule> {
  const policies = await manager.getRepository(SamplingPolicyEntity).find();
  return ruleFor(policies.map(toRevisitRule), requestType, channelKind);
}

/**
 * The rule for a request, from its brief's type and channel: the code's kind as intake configured
 * it, else the kind the code spells; no brief: the tenant's rule for every type and channel.
 */
export async function revisitRuleOf(manager: EntityManager, requestId: string): Promise<RevisitRule> {
  const facts = await samplingFactsOf(manager, requestId);
  return revisitRuleFor(manager, facts.requestType, channelKindOf(facts.channel, facts.configuredKind));
}

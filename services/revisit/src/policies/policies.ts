import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Events, revisitV1 } from '@hotline/contracts';
import { fieldErrors, Outbox, ProblemError } from '@hotline/platform';
import { REQUEST_TYPES, SamplingPolicyEntity } from './sampling-policy.entity';

const RequestTypeParam = z.enum(REQUEST_TYPES);

const PutPolicyBody = z
  .object({
    samplePercent: z.number().int().min(0).max(100),
    windowHours: z.number().int().min(1).max(720),
  })
  .strict();
export type PutPolicy = z.infer<typeof PutPolicyBody> & { requestType: z.infer<typeof RequestTypeParam> };

/** Validates the path's request type and the body together, so one 400 names every bad field. */
export function parsePutPolicy(requestType: unknown, body: unknown): PutPolicy {
  const type = RequestTypeParam.safeParse(requestType);
  const values = PutPolicyBody.safeParse(body ?? {});
  if (type.success && values.success) return { requestType: type.data, ...values.data };
  throw ProblemError.validation([
    ...(type.success ? [] : fieldErrors(type.error, 'requestType')),
    ...(values.success ? [] : fieldErrors(values.error)),
  ]);
}

export function toPolicyMessage(p: SamplingPolicyEntity): revisitV1.SamplingPolicy {
  return {
    requestType: p.requestType,
    samplePercent: p.samplePercent,
    windowHours: p.windowHours,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Creates or replaces one policy and records SamplingPolicyChanged in the caller's tenant transaction. */
export async function putPolicy(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  input: PutPolicy,
): Promise<SamplingPolicyEntity> {
  const repo = manager.getRepository(SamplingPolicyEntity);
  const policy = repo.create({ tenantId, ...input, updatedAt: new Date() });
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

/** The tenant's policies, default rule first, then in REQUEST_TYPES order. RLS scopes the query. */
export async function listPolicies(manager: EntityManager): Promise<SamplingPolicyEntity[]> {
  const policies = await manager.getRepository(SamplingPolicyEntity).find();
  return policies.sort((a, b) => REQUEST_TYPES.indexOf(a.requestType) - REQUEST_TYPES.indexOf(b.requestType));
}

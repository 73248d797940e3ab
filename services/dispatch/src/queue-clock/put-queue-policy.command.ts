import { EntityManager } from 'typeorm';
import { loadQueuePolicy, QueuePolicyView } from './queue-policy.query';
import { DispatchQueuePolicyEntity } from './queue-policy.entity';
import { PutQueuePolicy } from './queue-policy.schemas';

/** Replaces the tenant's dispatch limits; they govern requests queued from now on (a waiting one keeps its due). */
export async function putQueuePolicy(manager: EntityManager, tenantId: string, by: string, input: PutQueuePolicy): Promise<QueuePolicyView> {
  await manager.getRepository(DispatchQueuePolicyEntity).upsert({ tenantId, ...input, updatedAt: new Date(), updatedBy: by }, ['tenantId']);
  return loadQueuePolicy(manager);
}

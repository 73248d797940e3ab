import { EntityManager } from 'typeorm';
import { loadReturnPolicy, ReturnPolicyView } from './return-policy.query';
import { DispatchSettingsEntity } from './returns.entities';
import { PutReturnPolicy } from './returns.schemas';

/** Replaces the tenant's return policy; it governs returns filed from now on. */
export async function putReturnPolicy(manager: EntityManager, tenantId: string, by: string, input: PutReturnPolicy): Promise<ReturnPolicyView> {
  await manager.getRepository(DispatchSettingsEntity).upsert({ tenantId, ...input, updatedAt: new Date(), updatedBy: by }, ['tenantId']);
  return loadReturnPolicy(manager);
}

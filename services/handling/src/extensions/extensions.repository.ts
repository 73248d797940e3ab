import { EntityManager } from 'typeorm';
import { DEFAULT_EXTENSION_POLICY, ExtensionPolicy } from '@hotline/handling-domain';
import { isUuid } from '@hotline/platform';
import { ExtensionPolicyEntity, WorkOrderExtensionEntity } from './extension.entity';

/** The tenant's extension policy (RLS scopes the query), DEFAULT_EXTENSION_POLICY without a row of its own. */
export async function loadExtensionPolicy(manager: EntityManager): Promise<ExtensionPolicy & { source: 'tenant' | 'default' }> {
  const row = await manager.getRepository(ExtensionPolicyEntity).findOne({ where: {} });
  if (!row) return { ...DEFAULT_EXTENSION_POLICY, source: 'default' };
  return { maxExtensions: row.maxExtensions, maxExtraWorkingDays: row.maxExtraWorkingDays, maxTotalWorkingDays: row.maxTotalWorkingDays, source: 'tenant' };
}

export async function saveExtensionPolicy(manager: EntityManager, row: ExtensionPolicyEntity): Promise<void> {
  await manager.getRepository(ExtensionPolicyEntity).save(row);
}

/** Every extension of an order, oldest first: the clock's history. */
export function extensionsOf(manager: EntityManager, workOrderId: string): Promise<WorkOrderExtensionEntity[]> {
  return manager.getRepository(WorkOrderExtensionEntity).find({ where: { workOrderId }, order: { requestedAt: 'ASC', id: 'ASC' } });
}

/** One extension of the order, locked; null for an unknown or malformed id. */
export async function lockExtension(manager: EntityManager, workOrderId: string, id: string): Promise<WorkOrderExtensionEntity | null> {
  if (!isUuid(id)) return null;
  return manager.getRepository(WorkOrderExtensionEntity).findOne({ where: { id, workOrderId }, lock: { mode: 'pessimistic_write' } });
}

export async function insertExtension(manager: EntityManager, row: WorkOrderExtensionEntity): Promise<void> {
  await manager.getRepository(WorkOrderExtensionEntity).insert(row);
}

export async function updateExtension(manager: EntityManager, id: string, changes: Partial<WorkOrderExtensionEntity>): Promise<void> {
  await manager.getRepository(WorkOrderExtensionEntity).update({ id }, changes);
}

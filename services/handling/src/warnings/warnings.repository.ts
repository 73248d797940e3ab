import { EntityManager } from 'typeorm';
import { DEFAULT_WARNING_POLICY, WarningPolicy } from '@hotline/handling-domain';
import { WarningPolicyEntity } from './warning-policy.entity';

/** The tenant's thresholds (RLS scopes the query), DEFAULT_WARNING_POLICY without a row of its own. */
export async function loadWarningPolicy(manager: EntityManager): Promise<WarningPolicy & { source: 'tenant' | 'default' }> {
  const row = await manager.getRepository(WarningPolicyEntity).findOne({ where: {} });
  return row ? { yellowPercent: row.yellowPercent, redPercent: row.redPercent, source: 'tenant' } : { ...DEFAULT_WARNING_POLICY, source: 'default' };
}

export async function saveWarningPolicy(manager: EntityManager, row: WarningPolicyEntity): Promise<void> {
  await manager.getRepository(WarningPolicyEntity).save(row);
}

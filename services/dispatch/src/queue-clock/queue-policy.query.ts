import { EntityManager } from 'typeorm';
import type { QueueClockPolicy } from '@hotline/dispatch-domain';
import { DEFAULT_DISPATCH_LIMIT_MINUTES, DEFAULT_DISPATCH_WARN_PERCENT } from '@hotline/vocabulary';
import { DispatchQueuePolicyEntity } from './queue-policy.entity';

export const DEFAULT_QUEUE_POLICY: QueueClockPolicy = { limitMinutes: DEFAULT_DISPATCH_LIMIT_MINUTES, warnAtPercent: DEFAULT_DISPATCH_WARN_PERCENT };

export interface QueuePolicyView extends QueueClockPolicy {
  /** False while the tenant runs on the defaults. */
  configured: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The dispatch limits of the transaction's tenant (RLS), or the defaults. */
export async function loadQueuePolicy(manager: EntityManager): Promise<QueuePolicyView> {
  const row = await manager.getRepository(DispatchQueuePolicyEntity).findOne({ where: {} });
  if (!row) return { limitMinutes: { ...DEFAULT_DISPATCH_LIMIT_MINUTES }, warnAtPercent: DEFAULT_DISPATCH_WARN_PERCENT, configured: false, updatedAt: null, updatedBy: null };
  return {
    limitMinutes: row.limitMinutes,
    warnAtPercent: row.warnAtPercent,
    configured: true,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

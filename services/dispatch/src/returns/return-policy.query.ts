import { EntityManager } from 'typeorm';
import type { ReturnPolicy } from '@hotline/dispatch-domain';
import { DEFAULT_MAX_DISPATCH_ATTEMPTS, DEFAULT_RETURN_WINDOW_WORKING_DAYS, RETURN_REASONS } from '@hotline/vocabulary';
import { DispatchSettingsEntity } from './returns.entities';

/** Tianjin 送审稿's rules [S12] and every reason code, for a tenant that set none of its own. */
export const DEFAULT_RETURN_POLICY: ReturnPolicy = {
  returnWindowWorkingDays: DEFAULT_RETURN_WINDOW_WORKING_DAYS,
  maxDispatchAttempts: DEFAULT_MAX_DISPATCH_ATTEMPTS,
  returnReasons: RETURN_REASONS,
};

export interface ReturnPolicyView extends ReturnPolicy {
  /** False while the tenant runs on the defaults. */
  configured: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The return policy of the transaction's tenant (RLS), or the defaults. */
export async function loadReturnPolicy(manager: EntityManager): Promise<ReturnPolicyView> {
  const row = await manager.getRepository(DispatchSettingsEntity).findOne({ where: {} });
  if (!row) return { ...DEFAULT_RETURN_POLICY, returnReasons: [...RETURN_REASONS], configured: false, updatedAt: null, updatedBy: null };
  return {
    returnWindowWorkingDays: row.returnWindowWorkingDays,
    maxDispatchAttempts: row.maxDispatchAttempts,
    returnReasons: row.returnReasons,
    configured: true,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

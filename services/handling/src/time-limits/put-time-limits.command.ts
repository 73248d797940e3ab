import { EntityManager } from 'typeorm';
import { EffectiveTimeLimit } from '@hotline/handling-domain';
import { effectiveTimeLimitTable } from './time-limits.query';
import { replaceTenantTimeLimits } from './time-limits.repository';
import { PutTimeLimits } from './time-limits.schemas';

/** Replaces the tenant's rows in the caller's tenant transaction; returns the new effective table. */
export async function putTimeLimits(manager: EntityManager, tenantId: string, input: PutTimeLimits): Promise<EffectiveTimeLimit[]> {
  await replaceTenantTimeLimits(manager, tenantId, input.rules);
  return effectiveTimeLimitTable(manager);
}

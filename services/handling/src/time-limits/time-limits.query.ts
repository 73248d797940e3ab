import { EntityManager } from 'typeorm';
import { EffectiveTimeLimit, effectiveTimeLimits } from '@hotline/handling-domain';
import { loadTenantTimeLimits } from './time-limits.repository';

/** The tenant's table: its own rows over the national defaults, all 21 pairs. */
export async function effectiveTimeLimitTable(manager: EntityManager): Promise<EffectiveTimeLimit[]> {
  return effectiveTimeLimits(await loadTenantTimeLimits(manager));
}

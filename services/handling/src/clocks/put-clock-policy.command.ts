import { EntityManager } from 'typeorm';
import { Identity } from '@hotline/platform';
import { loadClockPolicy, saveClockPolicy } from './clocks.repository';
import { PutClockPolicy } from './clocks.schemas';

/**
 * Replaces the tenant's clock policy. Orders keep the start they were created with (the rule an
 * order is held to never moves under it); new orders take the new one.
 */
export async function putClockPolicy(manager: EntityManager, who: Identity, input: PutClockPolicy) {
  await saveClockPolicy(manager, { tenantId: who.tenantId, ...input, updatedAt: new Date(), updatedBy: who.subject });
  return loadClockPolicy(manager);
}

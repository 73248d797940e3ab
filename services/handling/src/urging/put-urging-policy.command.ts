import { EntityManager } from 'typeorm';
import { Identity } from '@hotline/platform';
import { loadUrgingPolicy, saveUrgingPolicy } from './urging.repository';
import { PutUrgingPolicy } from './urging.schemas';

/** Replaces the tenant's ladder; orders breached from now on take it (timers already set keep their day). */
export async function putUrgingPolicy(manager: EntityManager, who: Identity, input: PutUrgingPolicy) {
  await saveUrgingPolicy(manager, { tenantId: who.tenantId, ...input, updatedAt: new Date(), updatedBy: who.subject });
  return loadUrgingPolicy(manager);
}

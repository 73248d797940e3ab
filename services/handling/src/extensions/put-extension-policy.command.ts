import { EntityManager } from 'typeorm';
import { Identity } from '@hotline/platform';
import { loadExtensionPolicy, saveExtensionPolicy } from './extensions.repository';
import { PutExtensionPolicy } from './extensions.schemas';

/** Replaces the tenant's extension limits; they apply to extensions asked or approved from now on. */
export async function putExtensionPolicy(manager: EntityManager, who: Identity, input: PutExtensionPolicy) {
  await saveExtensionPolicy(manager, { tenantId: who.tenantId, ...input, updatedAt: new Date(), updatedBy: who.subject });
  return loadExtensionPolicy(manager);
}

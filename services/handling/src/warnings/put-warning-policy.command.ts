import { EntityManager } from 'typeorm';
import { Identity } from '@hotline/platform';
import { loadWarningPolicy, saveWarningPolicy } from './warnings.repository';
import { PutWarningPolicy } from './warnings.schemas';

/** Replaces the tenant's thresholds; orders take them at their next change (dispatch, sign-for, extension …). */
export async function putWarningPolicy(manager: EntityManager, who: Identity, input: PutWarningPolicy) {
  await saveWarningPolicy(manager, { tenantId: who.tenantId, ...input, updatedAt: new Date(), updatedBy: who.subject });
  return loadWarningPolicy(manager);
}

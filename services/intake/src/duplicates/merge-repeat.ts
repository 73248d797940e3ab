import { EntityManager } from 'typeorm';
import { masterRefusal } from '@hotline/intake-domain';
import type { FieldError } from '@hotline/platform';
import type { ScopeDecision } from '@hotline/vocabulary';
import { lockMaster } from './duplicates.repository';

/**
 * The master a repeat is merged into (并单), locked until the registration commits so it cannot
 * close meanwhile; undefined with the reason in `errors` when it cannot take one. A repeat is an
 * in-scope contact: one answered at once or out of scope has nothing to follow.
 */
export async function masterOfRepeat(
  manager: EntityManager,
  masterId: string,
  decision: ScopeDecision,
  errors: FieldError[],
): Promise<{ id: string; number: string } | undefined> {
  if (decision !== 'in-scope') {
    errors.push({ field: 'duplicateOf', message: `a repeat is merged only with decision "in-scope", not "${decision}"` });
    return undefined;
  }
  const master = await lockMaster(manager, masterId);
  if (!master) {
    errors.push({ field: 'duplicateOf', message: 'no such request in this hotline' });
    return undefined;
  }
  const refusal = masterRefusal(master);
  if (refusal) {
    errors.push({ field: 'duplicateOf', message: `request ${master.number} ${refusal}` });
    return undefined;
  }
  return { id: master.id, number: master.number };
}

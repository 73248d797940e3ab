import { EntityManager } from 'typeorm';
import { primaryOf } from '@hotline/dispatch-domain';
import type { FieldError } from '@hotline/platform';
import { DispatchEntity } from '../dispatching/dispatch.entities';
import { UnitEntity } from '../units/unit.entity';
import { unitsByCodes } from '../units/units.repository';

const FIELD = 'suggestedUnitCode';

/**
 * The unit a return suggests (建议承办单位), looked up in the tenant's directory. Refused, naming
 * the field: a code of no unit, the returning unit itself, or a unit whose return of this request
 * was accepted already (a re-dispatch may not choose it).
 */
export async function suggestedUnitOf(
  manager: EntityManager,
  dispatch: DispatchEntity,
  code: string | undefined,
): Promise<{ unit: UnitEntity | null; issues: FieldError[] }> {
  if (code === undefined) return { unit: null, issues: [] };
  const [unit] = await unitsByCodes(manager, [code]);
  if (!unit) return { unit: null, issues: [{ field: FIELD, message: `no handling unit has the code ${code}` }] };
  if (primaryOf(dispatch)?.unitId === unit.id) return { unit: null, issues: [{ field: FIELD, message: 'the returning unit cannot suggest itself' }] };
  if (dispatch.excludedUnitIds.includes(unit.id))
    return { unit: null, issues: [{ field: FIELD, message: `${code} returned this request before and its return was accepted: it cannot be dispatched again` }] };
  return { unit, issues: [] };
}

import { GRASSROOTS_UNIT_LEVELS, UnitLevel } from '@hotline/vocabulary';
import type { FieldIssue, UnitCard, UnitChoice } from './assignment';

const isGrassroots = (level: UnitLevel | undefined) => level !== undefined && GRASSROOTS_UNIT_LEVELS.includes(level);

/**
 * No push-down (66号文 (五) [S4]): a duty the catalog does not mark territorial (属地) is a
 * 职能部门 duty and may not go to a street/township unit, as 主办 or 协办. Each such unit is
 * named by its field.
 */
export function pushDownIssues(
  choice: UnitChoice,
  directory: ReadonlyMap<string, UnitCard>,
  territorial: boolean,
  prefix = '',
): FieldIssue[] {
  if (territorial) return [];
  const issueOf = (id: string, field: string): FieldIssue[] => {
    const unit = directory.get(id);
    return unit && isGrassroots(unit.level)
      ? [{ field, message: `unit ${unit.code} is a street/township unit: it takes territorial (属地) duties only, and this one is not marked so` }]
      : [];
  };
  return [
    ...issueOf(choice.primaryUnitId, `${prefix}primaryUnitId`),
    ...choice.assistingUnitIds.flatMap((id, i) => issueOf(id, `${prefix}assistingUnitIds.${i}`)),
  ];
}

import { AssignmentRole, UnitLevel } from '@hotline/vocabulary';
import { unitCoversArea } from './coverage';

/** The units a request goes to: one 主办 and up to MAX_ASSISTING_UNITS 协办. */
export interface UnitChoice {
  primaryUnitId: string;
  assistingUnitIds: readonly string[];
}

export const MAX_ASSISTING_UNITS = 10;

/** A unit of the tenant's directory, as dispatch needs it. */
export interface UnitCard {
  id: string;
  name: string;
  code: string;
  areaCodes: readonly string[];
  /** Its level in the tree (absent: not known to the caller). */
  level?: UnitLevel;
}

export interface UnitAssignment {
  unitId: string;
  unitName: string;
  unitCode: string;
  role: AssignmentRole;
}

/** A rule broken by a submitted body, named by its dotted path (`entries.3.primaryUnitId`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Assisting units (协办) must be distinct, and none may be the primary (主办). */
export function assistingUnitIssues(choice: UnitChoice, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  choice.assistingUnitIds.forEach((id, i) => {
    const field = `${prefix}assistingUnitIds.${i}`;
    if (id === choice.primaryUnitId) issues.push({ field, message: 'the primary unit cannot also assist' });
    else if (seen.has(id)) issues.push({ field, message: 'listed more than once' });
    seen.add(id);
  });
  return issues;
}

/**
 * Each unit of the choice must be in the tenant's directory and, when the choice serves an
 * area, cover it: a unit cannot be given matters outside its jurisdiction.
 */
export function assignmentUnitIssues(
  choice: UnitChoice,
  directory: ReadonlyMap<string, UnitCard>,
  options: { prefix?: string; area?: string } = {},
): FieldIssue[] {
  const prefix = options.prefix ?? '';
  const issueOf = (id: string, field: string): FieldIssue[] => {
    const unit = directory.get(id);
    if (!unit) return [{ field, message: 'no such handling unit' }];
    if (options.area !== undefined && !unitCoversArea(unit.areaCodes, options.area))
      return [{ field, message: `unit ${unit.code} (areas ${unit.areaCodes.join(', ')}) does not cover area ${options.area}` }];
    return [];
  };
  return [
    ...issueOf(choice.primaryUnitId, `${prefix}primaryUnitId`),
    ...choice.assistingUnitIds.flatMap((id, i) => issueOf(id, `${prefix}assistingUnitIds.${i}`)),
  ];
}

/** Primary (主办) first, then the assisting units (协办) in the order given. */
export function buildAssignments(choice: UnitChoice, directory: ReadonlyMap<string, UnitCard>): UnitAssignment[] {
  const assignment = (id: string, role: AssignmentRole): UnitAssignment => {
    const unit = directory.get(id);
    if (!unit) throw new Error(`handling unit ${id} is not in the directory`);
    return { unitId: unit.id, unitName: unit.name, unitCode: unit.code, role };
  };
  return [assignment(choice.primaryUnitId, 'primary'), ...choice.assistingUnitIds.map((id) => assignment(id, 'assisting'))];
}

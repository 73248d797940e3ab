import { COORDINATING_UNIT_LEVELS, UNIT_LEVEL_HEIGHT, UnitLevel } from '@hotline/vocabulary';
import type { FieldIssue } from './assignment';
import { coveringAreaCodes } from './coverage';

/** A unit as the escalation rule sees it: where it sits in the tenant's tree and what it covers. */
export interface TreeUnit {
  id: string;
  code: string;
  level: UnitLevel;
  parentId: string | null;
  areaCodes: readonly string[];
}

export type EscalationChoice =
  | { kind: 'escalate'; target: TreeUnit }
  | { kind: 'invalid'; issues: FieldIssue[] }
  | { kind: 'refused'; reason: 'no-coordinating-unit' };

const isCoordinating = (u: TreeUnit) => COORDINATING_UNIT_LEVELS.includes(u.level);
const above = (u: TreeUnit, from: TreeUnit) => UNIT_LEVEL_HEIGHT[u.level] > UNIT_LEVEL_HEIGHT[from.level];

function covers(unit: TreeUnit, area: string): boolean {
  const covering = new Set(coveringAreaCodes(area));
  return unit.areaCodes.some((code) => covering.has(code));
}

/**
 * Where a hard case goes up (提级统筹, 66号文 [S4]): to the coordinating unit (district
 * government, city office) the dispatcher names, or else to the nearest coordinating unit above
 * the primary one in the tree (its parents), or else to the lowest coordinating unit above it
 * whose jurisdiction covers the request's area (the district government as 兜底, Beijing DB11
 * draft [S10]). A unit whose return was accepted is never the target.
 */
export function escalationTarget(
  primary: TreeUnit,
  units: ReadonlyMap<string, TreeUnit>,
  area: string,
  excluded: readonly string[],
  requested?: string,
): EscalationChoice {
  const eligible = (u: TreeUnit) => isCoordinating(u) && above(u, primary) && !excluded.includes(u.id);
  if (requested !== undefined) {
    const unit = units.get(requested);
    const problem = !unit
      ? 'no such unit of this hotline'
      : !isCoordinating(unit)
        ? `unit ${unit.code} is not a coordinating unit (${COORDINATING_UNIT_LEVELS.join(' or ')})`
        : !above(unit, primary)
          ? `unit ${unit.code} is not above the primary unit ${primary.code} in the tree`
          : excluded.includes(unit.id)
            ? `unit ${unit.code} returned this request and the return was accepted`
            : !covers(unit, area) && !isAncestor(unit, primary, units)
              ? `unit ${unit.code} neither covers area ${area} nor is above ${primary.code} in the tree`
              : undefined;
    return problem ? { kind: 'invalid', issues: [{ field: 'toUnitId', message: problem }] } : { kind: 'escalate', target: unit as TreeUnit };
  }
  for (const parent of ancestors(primary, units)) if (eligible(parent)) return { kind: 'escalate', target: parent };
  const covering = [...units.values()]
    .filter((u) => eligible(u) && covers(u, area))
    .sort((a, b) => UNIT_LEVEL_HEIGHT[a.level] - UNIT_LEVEL_HEIGHT[b.level] || a.code.localeCompare(b.code));
  return covering[0] ? { kind: 'escalate', target: covering[0] } : { kind: 'refused', reason: 'no-coordinating-unit' };
}

/** The unit's parents, nearest first; a cycle in the tree ends the walk. */
function ancestors(unit: TreeUnit, units: ReadonlyMap<string, TreeUnit>): TreeUnit[] {
  const seen = new Set([unit.id]);
  const found: TreeUnit[] = [];
  for (let next = unit.parentId ? units.get(unit.parentId) : undefined; next && !seen.has(next.id); next = next.parentId ? units.get(next.parentId) : undefined) {
    seen.add(next.id);
    found.push(next);
  }
  return found;
}

function isAncestor(candidate: TreeUnit, unit: TreeUnit, units: ReadonlyMap<string, TreeUnit>): boolean {
  return ancestors(unit, units).some((u) => u.id === candidate.id);
}

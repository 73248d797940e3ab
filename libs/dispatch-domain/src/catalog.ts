import { AREA_CODE_PATTERN, AREA_CODE_RULE, canonicalArea } from '@hotline/vocabulary';
import { assignmentUnitIssues, assistingUnitIssues, FieldIssue, UnitCard, UnitChoice } from './assignment';
import { pushDownIssues } from './push-down';

/**
 * One line of the 派单目录: which units take requests of a category — and of every category
 * below it — in an area and every area below it.
 */
export interface CatalogEntry extends UnitChoice {
  /** A code of the tenant's content taxonomy, of any level (vocabulary CATEGORY_CODE_PATTERN). */
  categoryCode: string;
  /** An administrative division code (vocabulary AREA_CODE_PATTERN), or ANY_AREA. */
  areaCode: string;
  /** A territorial (属地) duty, which a street/township unit may take; absent: a department's. */
  territorial?: boolean;
  /** 首接负责: the primary unit leads the coordination and cannot return it for unclear ownership or overlapping duties. */
  firstResponsible?: boolean;
}

export const ANY_AREA = '*';
/** `*` or an administrative division code. */
export const CATALOG_AREA_PATTERN = new RegExp(`^(?:\\*|${AREA_CODE_PATTERN.source.slice(1, -1)})$`);
export const CATALOG_AREA_RULE = `"${ANY_AREA}" (any area) or ${AREA_CODE_RULE}`;

export const MAX_CATALOG_ENTRIES = 5000;

/** The area an entry serves, in one spelling: `320100` and `3201` are one city. */
const areaKey = (areaCode: string) => (areaCode === ANY_AREA ? ANY_AREA : canonicalArea(areaCode));

/**
 * Rules a catalog must satisfy beyond field shapes: one entry per (category, area) — padded
 * and short spellings of an area being the same area — and assisting units distinct and
 * different from the primary.
 */
export function catalogIssues(entries: readonly CatalogEntry[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const firstIndexOfPair = new Map<string, number>();
  entries.forEach((entry, index) => {
    const key = `${entry.categoryCode}\u0000${areaKey(entry.areaCode)}`;
    const first = firstIndexOfPair.get(key);
    if (first === undefined) firstIndexOfPair.set(key, index);
    else
      issues.push({
        field: `entries.${index}`,
        message: `duplicates entries.${first} (category ${entry.categoryCode}, area ${entry.areaCode})`,
      });
    issues.push(...assistingUnitIssues(entry, `entries.${index}.`));
  });
  return issues;
}

/** Every unit id the catalog names, once each. */
export function referencedUnitIds(entries: readonly UnitChoice[]): string[] {
  return [...new Set(entries.flatMap((e) => [e.primaryUnitId, ...e.assistingUnitIds]))];
}

/**
 * Each unit an entry names must be in the tenant's directory and, for an entry of one area,
 * cover that area (the primary and every assisting unit); `*` entries are not area-bound. A
 * street/township unit may be named only on a territorial (属地) entry.
 */
export function catalogUnitIssues(entries: readonly CatalogEntry[], directory: ReadonlyMap<string, UnitCard>): FieldIssue[] {
  return entries.flatMap((entry, index) => [
    ...assignmentUnitIssues(entry, directory, {
      prefix: `entries.${index}.`,
      area: entry.areaCode === ANY_AREA ? undefined : entry.areaCode,
    }),
    ...pushDownIssues(entry, directory, entry.territorial ?? false, `entries.${index}.`),
  ]);
}

/** One line of the 派单目录: which units take requests of a category (prefix) in an area. */
export interface CatalogEntry {
  /** A category code or a prefix of one, at level boundaries (DB44: '01', '0101', '010101'). */
  categoryPrefix: string;
  /** An administrative area code, or ANY_AREA. */
  areaCode: string;
  primaryUnitId: string;
  assistingUnitIds: readonly string[];
}

export const ANY_AREA = '*';

/** DB44/T 2479 codes are 6 digits in three 2-digit levels; a prefix stops at a level boundary. */
export const CATEGORY_PREFIX_PATTERN = /^(?:[0-9]{2}){1,3}$/;

export const MAX_ASSISTING_UNITS = 10;
export const MAX_CATALOG_ENTRIES = 5000;

export interface CatalogIssue {
  /** Dotted path into the submitted body, e.g. `entries.3.primaryUnitId`. */
  field: string;
  message: string;
}

const pairKey = (e: Pick<CatalogEntry, 'categoryPrefix' | 'areaCode'>) => `${e.categoryPrefix}\u0000${e.areaCode}`;

/**
 * Rules a catalog must satisfy beyond field shapes: one entry per (prefix, area) pair, and
 * assisting units distinct and different from the primary.
 */
export function catalogIssues(entries: readonly CatalogEntry[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const firstIndexOfPair = new Map<string, number>();
  entries.forEach((entry, index) => {
    const key = pairKey(entry);
    const first = firstIndexOfPair.get(key);
    if (first === undefined) firstIndexOfPair.set(key, index);
    else
      issues.push({
        field: `entries.${index}`,
        message: `duplicates entries.${first} (category prefix ${entry.categoryPrefix}, area ${entry.areaCode})`,
      });
    issues.push(...assistingUnitIssues(entry.primaryUnitId, entry.assistingUnitIds, `entries.${index}.`));
  });
  return issues;
}

/** Assisting units (协办) must be distinct, and none may be the primary (主办). */
export function assistingUnitIssues(primaryUnitId: string, assistingUnitIds: readonly string[], prefix = ''): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const seen = new Set<string>();
  assistingUnitIds.forEach((id, i) => {
    const field = `${prefix}assistingUnitIds.${i}`;
    if (id === primaryUnitId) issues.push({ field, message: 'the primary unit cannot also assist' });
    else if (seen.has(id)) issues.push({ field, message: 'listed more than once' });
    seen.add(id);
  });
  return issues;
}

/** Every unit id the catalog names, once each. */
export function referencedUnitIds(entries: readonly CatalogEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => [e.primaryUnitId, ...e.assistingUnitIds]))];
}

/** Issues for unit ids that are not in the tenant's directory, by their place in the body. */
export function unknownUnitIssues(entries: readonly CatalogEntry[], knownUnitIds: ReadonlySet<string>): CatalogIssue[] {
  return entries.flatMap((entry, index) => assignmentUnknownUnits(entry, knownUnitIds, `entries.${index}.`));
}

/** Same check for one primary + assisting pair (a catalog line or a manual assignment). */
export function assignmentUnknownUnits(
  units: Pick<CatalogEntry, 'primaryUnitId' | 'assistingUnitIds'>,
  knownUnitIds: ReadonlySet<string>,
  prefix = '',
): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const unknown = 'no such handling unit';
  if (!knownUnitIds.has(units.primaryUnitId)) issues.push({ field: `${prefix}primaryUnitId`, message: unknown });
  units.assistingUnitIds.forEach((id, i) => {
    if (!knownUnitIds.has(id)) issues.push({ field: `${prefix}assistingUnitIds.${i}`, message: unknown });
  });
  return issues;
}

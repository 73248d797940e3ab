// A tenant's content taxonomy (内容分类): published as a whole, in immutable versions. A request
// is classified under one version and stays resolvable in it when a later version drops its code.

export interface CategoryInput {
  code: string;
  name: string;
  parentCode?: string;
  level: number;
}

export interface TaxonomyIssue {
  /** Path of the bad field, e.g. categories.3.parentCode. */
  field: string;
  message: string;
}

/** Checks a whole taxonomy: unique codes, parents present, levels one below their parent. */
export function taxonomyIssues(categories: readonly CategoryInput[]): TaxonomyIssue[] {
  const issues: TaxonomyIssue[] = [];
  const levelByCode = new Map<string, number>();
  categories.forEach((c, i) => {
    if (levelByCode.has(c.code)) issues.push({ field: `categories.${i}.code`, message: `duplicate code "${c.code}"` });
    else levelByCode.set(c.code, c.level);
  });
  categories.forEach((c, i) => {
    const field = `categories.${i}.parentCode`;
    if (c.level === 1) {
      if (c.parentCode) issues.push({ field, message: 'a level-1 category has no parent' });
      return;
    }
    if (!c.parentCode) {
      issues.push({ field, message: `a level-${c.level} category needs a parent` });
      return;
    }
    const parentLevel = levelByCode.get(c.parentCode);
    if (parentLevel === undefined) issues.push({ field, message: `unknown parent "${c.parentCode}"` });
    else if (parentLevel !== c.level - 1)
      issues.push({ field, message: `parent "${c.parentCode}" is level ${parentLevel}, expected ${c.level - 1}` });
  });
  return issues;
}

/** The codes of the previous version that the next one no longer has, sorted. */
export function retiredCodes(previous: readonly string[], next: readonly CategoryInput[]): string[] {
  const kept = new Set(next.map((c) => c.code));
  return [...new Set(previous)].filter((code) => !kept.has(code)).sort();
}

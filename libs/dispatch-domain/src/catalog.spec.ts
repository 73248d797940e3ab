import { catalogIssues, CATEGORY_PREFIX_PATTERN, CatalogEntry, referencedUnitIds, unknownUnitIssues } from './catalog';

const entry = (categoryPrefix: string, areaCode: string, primaryUnitId: string, assistingUnitIds: string[] = []): CatalogEntry => ({
  categoryPrefix,
  areaCode,
  primaryUnitId,
  assistingUnitIds,
});

describe('catalog validation', () => {
  it('accepts prefixes at DB44 level boundaries only', () => {
    for (const ok of ['01', '0101', '010101']) expect(CATEGORY_PREFIX_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '0', '010', '01010101', 'ab', '01 01']) expect(CATEGORY_PREFIX_PATTERN.test(bad)).toBe(false);
  });

  it('accepts a well-formed catalog', () => {
    expect(catalogIssues([entry('01', '*', 'a', ['b', 'c']), entry('01', '320102', 'b'), entry('0101', '*', 'c')])).toEqual([]);
  });

  it('names each duplicate (prefix, area) pair after its first occurrence', () => {
    const issues = catalogIssues([entry('01', '*', 'a'), entry('02', '*', 'a'), entry('01', '*', 'b'), entry('01', '*', 'c')]);
    expect(issues).toEqual([
      { field: 'entries.2', message: 'duplicates entries.0 (category prefix 01, area *)' },
      { field: 'entries.3', message: 'duplicates entries.0 (category prefix 01, area *)' },
    ]);
  });

  it('refuses the primary among the assisting units, and repeated assisting units', () => {
    const issues = catalogIssues([entry('01', '*', 'a', ['b', 'a', 'b'])]);
    expect(issues.map((i) => i.field)).toEqual(['entries.0.assistingUnitIds.1', 'entries.0.assistingUnitIds.2']);
  });

  it('lists referenced units once and names unknown ones by their place in the body', () => {
    const entries = [entry('01', '*', 'a', ['b']), entry('02', '*', 'x', ['a', 'y'])];
    expect(referencedUnitIds(entries)).toEqual(['a', 'b', 'x', 'y']);
    expect(unknownUnitIssues(entries, new Set(['a', 'b'])).map((i) => i.field)).toEqual([
      'entries.1.primaryUnitId',
      'entries.1.assistingUnitIds.1',
    ]);
  });
});

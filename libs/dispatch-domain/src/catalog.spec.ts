import { UnitCard } from './assignment';
import { CATALOG_AREA_PATTERN, CatalogEntry, catalogIssues, catalogUnitIssues, referencedUnitIds } from './catalog';

const entry = (categoryCode: string, areaCode: string, primaryUnitId: string, assistingUnitIds: string[] = []): CatalogEntry => ({
  categoryCode,
  areaCode,
  primaryUnitId,
  assistingUnitIds,
});

const unit = (id: string, ...areaCodes: string[]): [string, UnitCard] => [id, { id, name: id, code: id.toUpperCase(), areaCodes }];

describe('catalog validation', () => {
  it('accepts "*" or an administrative division code as the area, nothing else', () => {
    for (const ok of ['*', '32', '3201', '320102', '320102001', '320102001001', '320100']) expect(CATALOG_AREA_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '**', '3', '32010', '3201020', 'A1', '440304-01', '*32', '32*', '3201020010011'])
      expect(CATALOG_AREA_PATTERN.test(bad)).toBe(false);
  });

  it('accepts a well-formed catalog, whatever the shape of the category codes', () => {
    expect(catalogIssues([entry('01', '*', 'a', ['b', 'c']), entry('01', '320102', 'b'), entry('0101', '*', 'c')])).toEqual([]);
    expect(catalogIssues([entry('A', '*', 'a'), entry('A.1', '*', 'a'), entry('A.1.3', '320102', 'b')])).toEqual([]);
  });

  it('names each duplicate (category, area) pair after its first occurrence', () => {
    const issues = catalogIssues([entry('01', '*', 'a'), entry('02', '*', 'a'), entry('01', '*', 'b'), entry('01', '*', 'c')]);
    expect(issues).toEqual([
      { field: 'entries.2', message: 'duplicates entries.0 (category 01, area *)' },
      { field: 'entries.3', message: 'duplicates entries.0 (category 01, area *)' },
    ]);
  });

  it('counts padded and short spellings of an area as the same area', () => {
    const issues = catalogIssues([entry('01', '3201', 'a'), entry('01', '320100', 'b'), entry('01', '320102', 'c')]);
    expect(issues).toEqual([{ field: 'entries.1', message: 'duplicates entries.0 (category 01, area 320100)' }]);
  });

  it('refuses the primary among the assisting units, and repeated assisting units', () => {
    const issues = catalogIssues([entry('01', '*', 'a', ['b', 'a', 'b'])]);
    expect(issues.map((i) => i.field)).toEqual(['entries.0.assistingUnitIds.1', 'entries.0.assistingUnitIds.2']);
  });

  it('lists referenced units once and names unknown ones by their place in the body', () => {
    const entries = [entry('01', '*', 'a', ['b']), entry('02', '*', 'x', ['a', 'y'])];
    expect(referencedUnitIds(entries)).toEqual(['a', 'b', 'x', 'y']);
    const directory = new Map([unit('a', '32'), unit('b', '32')]);
    expect(catalogUnitIssues(entries, directory).map((i) => i.field)).toEqual(['entries.1.primaryUnitId', 'entries.1.assistingUnitIds.1']);
  });

  it("refuses an area-bound entry whose primary or assisting unit does not cover the entry's area", () => {
    const directory = new Map([
      unit('district', '320102'),
      unit('other-district', '320104'),
      unit('city', '320100'),
      unit('street', '320102001'),
    ]);
    const entries = [
      entry('01', '320102', 'district', ['city']), // the district itself and the city above it cover it
      entry('02', '320102001001', 'street', ['district']), // a community of the street
      entry('03', '320102', 'other-district'),
      entry('04', '320102', 'district', ['city', 'street']), // a street unit does not cover its whole district
      entry('05', '*', 'street', ['other-district']), // "*" entries are not area-bound
    ];
    expect(catalogUnitIssues(entries, directory)).toEqual([
      { field: 'entries.2.primaryUnitId', message: 'unit OTHER-DISTRICT (areas 320104) does not cover area 320102' },
      { field: 'entries.3.assistingUnitIds.1', message: 'unit STREET (areas 320102001) does not cover area 320102' },
    ]);
  });
});

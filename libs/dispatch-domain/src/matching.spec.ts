import { buildAssignments } from './assignment';
import { CatalogEntry } from './catalog';
import { decideDispatch } from './decision';
import { matchCatalogEntry, RequestPlace } from './matching';

const entry = (categoryCode: string, areaCode: string, primaryUnitId: string, assistingUnitIds: string[] = []): CatalogEntry => ({
  categoryCode,
  areaCode,
  primaryUnitId,
  assistingUnitIds,
});

/** A brief published before intake sent category paths. */
const legacy = (categoryCode: string, areaCode: string): RequestPlace => ({ categoryCode, categoryPath: [], areaCode });

describe('matchCatalogEntry', () => {
  const catalog = [
    entry('01', '*', 'city-housing'),
    entry('0102', '*', 'city-property'),
    entry('0102', '320102', 'xuanwu-property'),
    entry('010203', '*', 'city-elevators'),
    entry('02', '320102', 'xuanwu-traffic'),
  ];

  it('prefers the deepest matching category (DB44 codes without a path: two-digit levels)', () => {
    expect(matchCatalogEntry(catalog, legacy('010203', '320102'))?.primaryUnitId).toBe('city-elevators');
    expect(matchCatalogEntry(catalog, legacy('010299', '320104'))?.primaryUnitId).toBe('city-property');
    expect(matchCatalogEntry(catalog, legacy('019999', '320104'))?.primaryUnitId).toBe('city-housing');
  });

  it('prefers an area over "*" at equal category depth, whatever the order of entries', () => {
    const place = legacy('010201', '320102');
    expect(matchCatalogEntry(catalog, place)?.primaryUnitId).toBe('xuanwu-property');
    expect(matchCatalogEntry([...catalog].reverse(), place)?.primaryUnitId).toBe('xuanwu-property');
  });

  it('lets a deeper "*" category beat a shallower area-bound one', () => {
    const entries = [entry('01', '320102', 'xuanwu-all'), entry('0102', '*', 'city-property')];
    expect(matchCatalogEntry(entries, legacy('010201', '320102'))?.primaryUnitId).toBe('city-property');
  });

  it('falls back to "*" entries when the area has none of its own', () => {
    expect(matchCatalogEntry(catalog, legacy('010201', '320104'))?.primaryUnitId).toBe('city-property');
    expect(matchCatalogEntry(catalog, legacy('010201', ''))?.primaryUnitId).toBe('city-property');
  });

  it('matches nothing for another area, another category, or no category', () => {
    expect(matchCatalogEntry(catalog, legacy('020101', '320104'))).toBeUndefined();
    expect(matchCatalogEntry(catalog, legacy('030101', '320102'))).toBeUndefined();
    expect(matchCatalogEntry(catalog, legacy('', '320102'))).toBeUndefined();
    expect(matchCatalogEntry([], legacy('010101', '320102'))).toBeUndefined();
  });

  it('never matches a category deeper than the request, nor a code that merely contains it', () => {
    const entries = [entry('010203', '*', 'deep'), entry('02', '*', 'two')];
    expect(matchCatalogEntry(entries, legacy('0102', '1'))).toBeUndefined();
    expect(matchCatalogEntry(entries, legacy('010201', '1'))).toBeUndefined();
  });

  describe('along the category path, for taxonomies of any code shape', () => {
    const tenantOwn = [entry('A', '*', 'a-all'), entry('A.1', '320102', 'a1-xuanwu'), entry('A.1.3', '*', 'a13-city')];
    const place = (categoryPath: string[], areaCode = '320102'): RequestPlace => ({
      categoryCode: categoryPath[categoryPath.length - 1] ?? '',
      categoryPath,
      areaCode,
    });

    it('applies an entry to its category and every category below it', () => {
      expect(matchCatalogEntry(tenantOwn, place(['A', 'A.1', 'A.1.3']))?.primaryUnitId).toBe('a13-city');
      expect(matchCatalogEntry(tenantOwn, place(['A', 'A.1', 'A.1.7']))?.primaryUnitId).toBe('a1-xuanwu');
      expect(matchCatalogEntry(tenantOwn, place(['A', 'A.1', 'A.1.7'], '320104'))?.primaryUnitId).toBe('a-all');
      expect(matchCatalogEntry(tenantOwn, place(['A', 'A.2']))?.primaryUnitId).toBe('a-all');
    });

    it('matches codes only by the path, never by their spelling', () => {
      expect(matchCatalogEntry(tenantOwn, place(['B', 'A.1.3x']))).toBeUndefined();
      const digits = [entry('03', '*', 'by-prefix'), entry('12', '*', 'by-path')];
      expect(matchCatalogEntry(digits, place(['12', '0399']))?.primaryUnitId).toBe('by-path');
    });
  });

  describe('up the administrative-division hierarchy', () => {
    const byArea = [
      entry('03', '*', 'city-wide'),
      entry('03', '32', 'province'),
      entry('03', '320100', 'nanjing'), // the padded spelling of city 3201
      entry('03', '320102', 'xuanwu'),
      entry('03', '320102001', 'street-001'),
    ];

    it('dispatches a street (9 digits) and a community (12 digits) by their district entry', () => {
      const district = [entry('03', '320102', 'xuanwu'), entry('03', '*', 'city-wide')];
      expect(matchCatalogEntry(district, legacy('030603', '320102002'))?.primaryUnitId).toBe('xuanwu');
      expect(matchCatalogEntry(district, legacy('030603', '320102002003'))?.primaryUnitId).toBe('xuanwu');
    });

    it('prefers the deepest area: community → street → district → city → province, "*" last', () => {
      expect(matchCatalogEntry(byArea, legacy('030603', '320102001001'))?.primaryUnitId).toBe('street-001');
      expect(matchCatalogEntry(byArea, legacy('030603', '320102002001'))?.primaryUnitId).toBe('xuanwu');
      expect(matchCatalogEntry(byArea, legacy('030603', '320104'))?.primaryUnitId).toBe('nanjing');
      expect(matchCatalogEntry(byArea, legacy('030603', '320201'))?.primaryUnitId).toBe('province');
      expect(matchCatalogEntry(byArea, legacy('030603', '440304'))?.primaryUnitId).toBe('city-wide');
      expect(matchCatalogEntry([...byArea].reverse(), legacy('030603', '320102001001'))?.primaryUnitId).toBe('street-001');
    });

    it('reads padded request areas as the area they spell', () => {
      expect(matchCatalogEntry(byArea, legacy('030603', '320102000'))?.primaryUnitId).toBe('xuanwu');
    });

    it('lets the deepest category win before the deepest area', () => {
      const entries = [entry('03', '320102001', 'street'), entry('0306', '3201', 'city-property')];
      expect(matchCatalogEntry(entries, legacy('030603', '320102001001'))?.primaryUnitId).toBe('city-property');
    });
  });
});

describe('decideDispatch', () => {
  const catalog = { version: 3, entries: [entry('0102', '320102', 'a', ['b'])] };

  it('dispatches by the matching entry and names the catalog version', () => {
    expect(decideDispatch(catalog, legacy('010203', '320102'))).toEqual({ kind: 'dispatch', entry: catalog.entries[0], catalogVersion: 3 });
    expect(decideDispatch(catalog, legacy('010203', '320102001001'))).toMatchObject({ kind: 'dispatch', catalogVersion: 3 });
  });

  it('queues with a reason when nothing places the request', () => {
    expect(decideDispatch(catalog, legacy('010203', '320104'))).toEqual({
      kind: 'queue',
      reason: 'no catalog entry for category 010203 in area 320104',
    });
    expect(decideDispatch(undefined, legacy('010203', '320102'))).toEqual({
      kind: 'queue',
      reason: 'no catalog entry for category 010203 in area 320102',
    });
    expect(decideDispatch(catalog, legacy('010203', ''))).toEqual({ kind: 'queue', reason: 'no catalog entry for category 010203 in area (none)' });
    expect(decideDispatch(catalog, legacy('', '320102'))).toEqual({ kind: 'queue', reason: 'no content category' });
  });
});

describe('buildAssignments', () => {
  const directory = new Map([
    ['a', { id: 'a', name: '房管局', code: 'HOUSING', areaCodes: ['3201'] }],
    ['b', { id: 'b', name: '街道办', code: 'STREET', areaCodes: ['320102001'] }],
    ['c', { id: 'c', name: '城管局', code: 'CITY-MGMT', areaCodes: ['3201'] }],
  ]);

  it('lists the primary first, then the assisting units in order', () => {
    expect(buildAssignments({ primaryUnitId: 'a', assistingUnitIds: ['c', 'b'] }, directory)).toEqual([
      { unitId: 'a', unitName: '房管局', unitCode: 'HOUSING', role: 'primary' },
      { unitId: 'c', unitName: '城管局', unitCode: 'CITY-MGMT', role: 'assisting' },
      { unitId: 'b', unitName: '街道办', unitCode: 'STREET', role: 'assisting' },
    ]);
  });

  it('refuses a unit missing from the directory', () => {
    expect(() => buildAssignments({ primaryUnitId: 'zzz', assistingUnitIds: [] }, directory)).toThrow(/zzz/);
  });
});

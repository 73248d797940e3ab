import { CatalogEntry } from './catalog';
import { buildAssignments, decideDispatch } from './decision';
import { matchCatalogEntry } from './matching';

const entry = (categoryPrefix: string, areaCode: string, primaryUnitId: string, assistingUnitIds: string[] = []): CatalogEntry => ({
  categoryPrefix,
  areaCode,
  primaryUnitId,
  assistingUnitIds,
});

describe('matchCatalogEntry', () => {
  const catalog = [
    entry('01', '*', 'city-housing'),
    entry('0102', '*', 'city-property'),
    entry('0102', '320102', 'xuanwu-property'),
    entry('010203', '*', 'city-elevators'),
    entry('02', '320102', 'xuanwu-traffic'),
  ];

  it('prefers the longest matching category prefix', () => {
    expect(matchCatalogEntry(catalog, { categoryCode: '010203', areaCode: '320102' })?.primaryUnitId).toBe('city-elevators');
    expect(matchCatalogEntry(catalog, { categoryCode: '010299', areaCode: '320104' })?.primaryUnitId).toBe('city-property');
    expect(matchCatalogEntry(catalog, { categoryCode: '019999', areaCode: '320104' })?.primaryUnitId).toBe('city-housing');
  });

  it('prefers an exact area over "*" at equal prefix length, whatever the order of entries', () => {
    const place = { categoryCode: '010201', areaCode: '320102' };
    expect(matchCatalogEntry(catalog, place)?.primaryUnitId).toBe('xuanwu-property');
    expect(matchCatalogEntry([...catalog].reverse(), place)?.primaryUnitId).toBe('xuanwu-property');
  });

  it('lets a longer "*" prefix beat a shorter exact-area one', () => {
    const entries = [entry('01', '320102', 'xuanwu-all'), entry('0102', '*', 'city-property')];
    expect(matchCatalogEntry(entries, { categoryCode: '010201', areaCode: '320102' })?.primaryUnitId).toBe('city-property');
  });

  it('falls back to "*" entries when the area has none of its own', () => {
    expect(matchCatalogEntry(catalog, { categoryCode: '010201', areaCode: '320104' })?.primaryUnitId).toBe('city-property');
    expect(matchCatalogEntry(catalog, { categoryCode: '010201', areaCode: '' })?.primaryUnitId).toBe('city-property');
  });

  it('matches nothing for another area, another category, or no category', () => {
    expect(matchCatalogEntry(catalog, { categoryCode: '020101', areaCode: '320104' })).toBeUndefined();
    expect(matchCatalogEntry(catalog, { categoryCode: '030101', areaCode: '320102' })).toBeUndefined();
    expect(matchCatalogEntry(catalog, { categoryCode: '', areaCode: '320102' })).toBeUndefined();
    expect(matchCatalogEntry([], { categoryCode: '010101', areaCode: '320102' })).toBeUndefined();
  });

  it('never matches a prefix longer than the code, nor a code that merely contains it', () => {
    const entries = [entry('010203', '*', 'deep'), entry('02', '*', 'two')];
    expect(matchCatalogEntry(entries, { categoryCode: '0102', areaCode: '1' })).toBeUndefined();
    expect(matchCatalogEntry(entries, { categoryCode: '010201', areaCode: '1' })).toBeUndefined();
  });
});

describe('decideDispatch', () => {
  const catalog = { version: 3, entries: [entry('0102', '320102', 'a', ['b'])] };

  it('dispatches by the matching entry and names the catalog version', () => {
    expect(decideDispatch(catalog, { categoryCode: '010203', areaCode: '320102' })).toEqual({
      kind: 'dispatch',
      entry: catalog.entries[0],
      catalogVersion: 3,
    });
  });

  it('queues with a reason when nothing places the request', () => {
    expect(decideDispatch(catalog, { categoryCode: '010203', areaCode: '320104' })).toEqual({
      kind: 'queue',
      reason: 'no catalog entry for category 010203 in area 320104',
    });
    expect(decideDispatch(undefined, { categoryCode: '010203', areaCode: '320102' })).toEqual({
      kind: 'queue',
      reason: 'no catalog entry for category 010203 in area 320102',
    });
    expect(decideDispatch(catalog, { categoryCode: '', areaCode: '320102' })).toEqual({ kind: 'queue', reason: 'no content category' });
  });
});

describe('buildAssignments', () => {
  const directory = new Map([
    ['a', { id: 'a', name: '房管局', code: 'HOUSING' }],
    ['b', { id: 'b', name: '街道办', code: 'STREET' }],
    ['c', { id: 'c', name: '城管局', code: 'CITY-MGMT' }],
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

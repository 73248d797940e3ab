import { toCatalogView } from './catalog.views';

describe('catalog views', () => {
  const version = { version: 3, publishedAt: new Date('2025-03-01T08:00:00Z'), publishedBy: 'city-3201:admin' };
  const entries = [
    { categoryCode: 'A.1', areaCode: '*', primaryUnitId: 'u1', assistingUnitIds: [] },
    { categoryCode: 'B', areaCode: '320102', primaryUnitId: 'u2', assistingUnitIds: ['u1'], territorial: true },
  ];

  it('marks each entry against the latest known taxonomy', () => {
    expect(toCatalogView(version, entries, { version: 7, codes: new Set(['A', 'A.1']) })).toEqual({
      version: 3,
      publishedAt: '2025-03-01T08:00:00.000Z',
      publishedBy: 'city-3201:admin',
      taxonomyVersion: 7,
      entries: [
        { categoryCode: 'A.1', areaCode: '*', primaryUnitId: 'u1', assistingUnitIds: [], territorial: false, firstResponsible: false, inTaxonomy: true },
        { categoryCode: 'B', areaCode: '320102', primaryUnitId: 'u2', assistingUnitIds: ['u1'], territorial: true, firstResponsible: false, inTaxonomy: false },
      ],
    });
  });

  it('marks nothing (null) when no taxonomy has reached dispatch, and shows no storage fields', () => {
    const stored = entries.map((e, position) => ({ ...e, tenantId: 'city-3201', version: 3, position }));
    const view = toCatalogView(version, stored, undefined);
    expect(view.taxonomyVersion).toBeNull();
    expect(view.entries.map((e) => e.inTaxonomy)).toEqual([null, null]);
    expect(Object.keys(view.entries[0] ?? {})).toEqual(['categoryCode', 'areaCode', 'primaryUnitId', 'assistingUnitIds', 'territorial', 'firstResponsible', 'inTaxonomy']);
  });
});

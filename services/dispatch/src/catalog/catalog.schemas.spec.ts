import { fieldErrors } from '@hotline/platform';
import { CatalogVersionParams, PublishCatalogBody } from './catalog.schemas';

const UNIT = '0190a0a0-0000-7000-8000-000000000001';
const OTHER = '0190a0a0-0000-7000-8000-000000000002';

const fieldsOf = (body: unknown) => {
  const result = PublishCatalogBody.safeParse(body);
  return result.success ? [] : fieldErrors(result.error).map((e) => e.field);
};

describe('catalog schemas', () => {
  it('accepts category codes of every taxonomy shape, and "*" or division codes as areas', () => {
    const entries = [
      { categoryCode: 'A', areaCode: '*', primaryUnitId: UNIT },
      { categoryCode: 'A.1.3', areaCode: '320102001001', primaryUnitId: UNIT },
      { categoryCode: '030603', areaCode: '320100', primaryUnitId: UNIT, assistingUnitIds: [OTHER] },
      { categoryCode: 'x_y-z', areaCode: '32', primaryUnitId: UNIT },
    ];
    expect(PublishCatalogBody.parse({ entries }).entries.map((e) => e.assistingUnitIds)).toEqual([[], [], [OTHER], []]);
  });

  it('names each bad field by its place in the body', () => {
    expect(
      fieldsOf({
        entries: [
          { categoryCode: 'a b', areaCode: '*', primaryUnitId: UNIT },
          { categoryCode: 'A', areaCode: '3201-01', primaryUnitId: UNIT },
          { categoryPrefix: '01', areaCode: '*', primaryUnitId: UNIT },
        ],
      }),
    ).toEqual(['entries.0.categoryCode', 'entries.1.areaCode', 'entries.2.categoryCode', 'entries.2']);
    expect(fieldsOf({ entries: [] })).toEqual(['entries']);
  });

  it('applies the catalog rules: one entry per category and area, assisting units distinct from the primary', () => {
    expect(
      fieldsOf({
        entries: [
          { categoryCode: 'A', areaCode: '3201', primaryUnitId: UNIT, assistingUnitIds: [UNIT] },
          { categoryCode: 'A', areaCode: '320100', primaryUnitId: OTHER },
        ],
      }),
    ).toEqual(['entries.0.assistingUnitIds.0', 'entries.1']);
  });

  it('reads a version number from the path', () => {
    expect(CatalogVersionParams.parse({ version: '3' })).toEqual({ version: 3 });
    expect(CatalogVersionParams.safeParse({ version: '0' }).success).toBe(false);
    expect(CatalogVersionParams.safeParse({ version: 'abc' }).success).toBe(false);
  });
});

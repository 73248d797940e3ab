import { inTaxonomy, KnownTaxonomy, taxonomyWarnings } from './taxonomy';

describe('taxonomy awareness', () => {
  const taxonomy: KnownTaxonomy = { version: 4, codes: new Set(['A', 'A.1', 'A.1.3', '03']) };

  it('marks each code in, out of, or unknown to the taxonomy (null when none has arrived)', () => {
    expect(inTaxonomy('A.1', taxonomy)).toBe(true);
    expect(inTaxonomy('A.2', taxonomy)).toBe(false);
    expect(inTaxonomy('A.1', undefined)).toBeNull();
  });

  it('warns, by field, about entries whose code the latest taxonomy lacks', () => {
    const entries = [{ categoryCode: 'A.1' }, { categoryCode: '0306' }, { categoryCode: '03' }, { categoryCode: 'B' }];
    expect(taxonomyWarnings(entries, taxonomy)).toEqual([
      { field: 'entries.1.categoryCode', message: 'category 0306 is not in taxonomy version 4' },
      { field: 'entries.3.categoryCode', message: 'category B is not in taxonomy version 4' },
    ]);
    expect(taxonomyWarnings([{ categoryCode: 'A' }], taxonomy)).toEqual([]);
  });

  it('says once that nothing was checked when no taxonomy is known', () => {
    expect(taxonomyWarnings([{ categoryCode: 'A' }, { categoryCode: 'B' }], undefined)).toEqual([
      { field: 'entries', message: 'no content taxonomy has reached dispatch yet: category codes were not checked' },
    ]);
  });
});

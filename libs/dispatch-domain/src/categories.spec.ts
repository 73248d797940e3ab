import { categoryLineage } from './categories';

describe('categoryLineage', () => {
  it('reads the path intake sends, nearest first, whatever the codes look like', () => {
    expect(categoryLineage({ categoryCode: 'A.1.3', categoryPath: ['A', 'A.1', 'A.1.3'] })).toEqual(['A.1.3', 'A.1', 'A']);
    expect(categoryLineage({ categoryCode: 'X7', categoryPath: ['LIFE', 'X7'] })).toEqual(['X7', 'LIFE']);
    // A path wins over the shape of the code: a tenant's own digits need not nest by prefix.
    expect(categoryLineage({ categoryCode: '0399', categoryPath: ['12', '0399'] })).toEqual(['0399', '12']);
  });

  it('falls back, for briefs without a path, to the code and its two-digit-level prefixes when it is all digits', () => {
    expect(categoryLineage({ categoryCode: '030603', categoryPath: [] })).toEqual(['030603', '0306', '03']);
    expect(categoryLineage({ categoryCode: '03060301', categoryPath: [] })).toEqual(['03060301', '030603', '0306', '03']);
    expect(categoryLineage({ categoryCode: '03', categoryPath: [] })).toEqual(['03']);
    for (const code of ['A.1.3', '030', '0306030', 'A1'])
      expect(categoryLineage({ categoryCode: code, categoryPath: [] })).toEqual([code]);
  });

  it('is empty for an uncategorised request', () => {
    expect(categoryLineage({ categoryCode: '', categoryPath: [] })).toEqual([]);
  });
});

import { retiredCodes, taxonomyIssues } from './taxonomy';

describe('taxonomy', () => {
  it('accepts a consistent tree', () => {
    expect(
      taxonomyIssues([
        { code: '01', name: '城乡建设', level: 1 },
        { code: '0101', name: '住房', parentCode: '01', level: 2 },
        { code: '010101', name: '物业', parentCode: '0101', level: 3 },
      ]),
    ).toEqual([]);
  });

  it('names each inconsistent entry', () => {
    const issues = taxonomyIssues([
      { code: '01', name: 'a', level: 1 },
      { code: '01', name: 'dup', level: 1 },
      { code: '02', name: 'b', parentCode: '01', level: 1 },
      { code: '0301', name: 'c', parentCode: '03', level: 2 },
      { code: '010101', name: 'd', parentCode: '01', level: 3 },
      { code: '0102', name: 'e', level: 2 },
    ]);
    expect(issues.map((i) => i.field)).toEqual([
      'categories.1.code',
      'categories.2.parentCode',
      'categories.3.parentCode',
      'categories.4.parentCode',
      'categories.5.parentCode',
    ]);
  });

  it('retires the codes a new version drops, and only those', () => {
    const next = [
      { code: '01', name: '城乡建设', level: 1 },
      { code: '0102', name: '市容', parentCode: '01', level: 2 },
    ];
    expect(retiredCodes(['0101', '01', '010101'], next)).toEqual(['0101', '010101']);
    expect(retiredCodes([], next)).toEqual([]);
    expect(retiredCodes(['01', '0102'], next)).toEqual([]);
  });
});

import { articleIssues, reviewDueOn, searchDocument, searchQuery, searchTokens } from './knowledge';

describe('knowledge base', () => {
  it('indexes Chinese by character bigrams and Latin words whole', () => {
    expect(searchTokens('小区噪音扰民 WiFi，12345')).toEqual(['小区', '区噪', '噪音', '音扰', '扰民', 'wifi', '12345']);
    expect(searchTokens('电')).toEqual(['电']);
    expect(searchTokens('ＡＢＣ 噪音噪音')).toEqual(['abc', '噪音', '音噪']);
    expect(searchTokens('，。！')).toEqual([]);
    expect(searchDocument('公积金提取')).toBe('公积 积金 金提 提取');
    // A Han character ends a Latin word: the board's anonymised places stay searchable.
    expect(searchTokens('A市A3区魏家坡')).toEqual(['a', '市', 'a3', '区魏', '魏家', '家坡']);
  });

  it("leaves the letters' formulas out of a query, unless the query has nothing else", () => {
    expect(searchQuery('尊敬的领导您好，小区停水', 'any')).toBe('小区 | 区停 | 停水');
    expect(searchQuery('您好', 'all')).toBe('您好');
  });

  it('queries all tokens or any of them, nothing for a text without tokens', () => {
    expect(searchQuery('公积金', 'all')).toBe('公积 & 积金');
    expect(searchQuery('公积金', 'any')).toBe('公积 | 积金');
    expect(searchQuery("' & | !", 'all')).toBeUndefined();
  });

  it('sets the review due half a year after publication by default', () => {
    expect(reviewDueOn('2026-01-31')).toBe('2026-07-30');
    expect(reviewDueOn('2026-12-01', 31)).toBe('2027-01-01');
  });

  it('refuses a keyword that repeats the title, repeated keywords and a validity ending before it starts', () => {
    expect(articleIssues({ title: '公积金提取', keywords: ['公积金', '公积金提取'], validFrom: '2026-01-01' })).toEqual([
      { field: 'keywords.1', message: 'a keyword must not repeat the title' },
    ]);
    expect(articleIssues({ title: 't', keywords: ['a', 'a'], validFrom: '2026-01-02', validUntil: '2026-01-01' }).map((i) => i.field)).toEqual([
      'keywords',
      'validUntil',
    ]);
    expect(articleIssues({ title: 't', keywords: ['a'], validFrom: '2026-01-01', validUntil: null })).toEqual([]);
  });
});

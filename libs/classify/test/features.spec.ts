import { collectTermKeys, DEFAULT_FEATURE_CONFIG, LEAD_VIEW_OFFSET, ngramKey, ngramText, normaliseText, textRuns, Vectoriser } from '../src';

const config = { ...DEFAULT_FEATURE_CONFIG, minDf: 1 };

function termsOf(fields: string[], c = config): string[] {
  const collected = collectTermKeys(fields, c);
  return Array.from(collected.keys.subarray(0, collected.length), (key) =>
    key >= LEAD_VIEW_OFFSET ? `@${ngramText(key - LEAD_VIEW_OFFSET)}` : ngramText(key),
  );
}

describe('text normalisation', () => {
  it('folds full-width forms and case, digits, masks and emoji', () => {
    expect(normaliseText('ＡＢＣ１２３号')).toBe('abc0号');
    expect(normaliseText('电话138****5678')).toBe('电话0*0');
    expect(normaliseText('好😀')).toBe('好\ufffd');
  });

  it('splits runs at punctuation and spaces', () => {
    expect(textRuns('尊敬的领导：您好！a0区 路灯')).toEqual(['尊敬的领导', '您好', 'a0区', '路灯']);
  });
});

describe('character n-grams', () => {
  it('encodes n-grams of up to three characters reversibly', () => {
    for (const gram of ['路', '路灯', '红绿灯', 'a0', '\ufffd']) expect(ngramText(ngramKey(gram))).toBe(gram);
    expect(new Set(['路', '路灯', '路灯坏'].map(ngramKey)).size).toBe(3);
  });

  it('counts 1- to 3-grams inside runs, never across punctuation', () => {
    expect(termsOf(['', '路灯坏，了'])).toEqual(['路', '路灯', '路灯坏', '灯', '灯坏', '坏', '了']);
  });

  it('adds a separate lead-field (title) view, and none for a single field', () => {
    expect(termsOf(['噪音', '扰民'])).toEqual(['噪', '噪音', '音', '扰', '扰民', '民', '@噪', '@噪音', '@音']);
    expect(termsOf(['扰民'])).toEqual(['扰', '扰民', '民']);
    expect(termsOf(['噪音', '扰民'], { ...config, leadFieldWeight: 0 })).toHaveLength(6);
  });

  it('rejects n-grams longer than three characters', () => {
    expect(() => new Vectoriser({ ...config, ngramMax: 4 }, 2, new Float64Array(0), new Uint32Array(0), 0)).toThrow(/n-gram/);
  });
});

describe('Vectoriser', () => {
  const documents = [
    ['', '公交车晚点'],
    ['', '公交车拥挤'],
    ['', '学校收费'],
  ];

  it('drops terms below the minimum document frequency', () => {
    const v = Vectoriser.fit(documents, { ...config, minDf: 2, leadFieldWeight: 0 });
    const names = Array.from({ length: v.size }, (_, i) => v.termName(i).text).sort();
    expect(names).toEqual(['交', '公', '公交', '公交车', '交车', '车'].sort());
  });

  it('produces L2-normalised TF-IDF vectors that weigh rarer terms higher', () => {
    const v = Vectoriser.fit(documents, config);
    const x = v.transform(['', '公交车晚点']);
    const norm = x.values.reduce((a, value) => a + value * value, 0);
    expect(norm).toBeCloseTo(1, 6);
    const valueOf = (term: string) => x.values[Array.from(x.indices).findIndex((i) => v.termName(i).text === term)];
    expect(valueOf('晚')).toBeGreaterThan(valueOf('公'));
    expect(v.transform(['', '完全陌生']).indices).toHaveLength(0);
  });

  it('extends the vocabulary at the end, keeping existing indices and updating counts', () => {
    const v = Vectoriser.fit(documents, config);
    const extended = v.extend([['', '地铁'], ['', '地铁站']]);
    expect(extended.size).toBeGreaterThan(v.size);
    for (let i = 0; i < v.size; i++) expect(extended.termKeys[i]).toBe(v.termKeys[i]);
    expect(extended.documentCount).toBe(5);
    const names = Array.from({ length: extended.size - v.size }, (_, i) => extended.termName(v.size + i).text);
    expect(names).toEqual(expect.arrayContaining(['地', '地铁', '铁']));
    expect(names).toContain('站');
  });
});

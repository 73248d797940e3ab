import { DEFAULT_DUPLICATE_POLICY, duplicateScore, masterRefusal, mergeChanges, normaliseAddress, normalisePhone, rankCandidates } from './duplicates';

const none = { sameRequester: false, sameAddress: false, sameArea: false, sameExternalReference: false, textSimilarity: 0 };

describe('duplicates', () => {
  it('gives one phone number one form, with or without the country code and separators', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('008613812345678')).toBe('13812345678');
    expect(normalisePhone('13812345678')).toBe('13812345678');
    expect(normalisePhone('025-84561234')).toBe('02584561234');
    // 86 before a landline is its area's digits, not a country code.
    expect(normalisePhone('8612345')).toBe('8612345');
  });

  it('folds addresses typed differently', () => {
    expect(normaliseAddress('南京市 玄武区中山路１号（东门）')).toBe(normaliseAddress('南京市玄武区中山路1号东门'));
  });

  it('ranks identity and similar text above place, and never offers the same area alone', () => {
    const ranked = rankCandidates([
      { candidate: 'area-only', signals: { ...none, sameArea: true, textSimilarity: 0.1 } },
      { candidate: 'text', signals: { ...none, textSimilarity: 0.5 } },
      { candidate: 'requester', signals: { ...none, sameRequester: true, sameArea: true, textSimilarity: 0.4 } },
      { candidate: 'weak-text', signals: { ...none, textSimilarity: 0.29 } },
    ]);
    expect(ranked.map((r) => [r.candidate, r.reasons])).toEqual([
      ['requester', ['same-requester', 'same-area', 'similar-text']],
      ['text', ['similar-text']],
    ]);
    expect(ranked[0]!.score).toBeCloseTo(0.64);
  });

  it('keeps at most the policy limit and caps the score at 1', () => {
    const found = Array.from({ length: 15 }, (_, i) => ({ candidate: i, signals: { ...none, sameExternalReference: true, textSimilarity: i / 15 } }));
    expect(rankCandidates(found, DEFAULT_DUPLICATE_POLICY)).toHaveLength(10);
    expect(duplicateScore({ sameRequester: true, sameAddress: true, sameArea: true, sameExternalReference: true, textSimilarity: 1 })).toBe(1);
  });

  it('merges only into an open request that is not itself merged', () => {
    expect(masterRefusal({ status: 'in-progress', mergedInto: null })).toBeUndefined();
    expect(masterRefusal({ status: 'closed', mergedInto: null })).toMatch(/only an open request/);
    expect(masterRefusal({ status: 'merged', mergedInto: 'x' })).toMatch(/itself merged/);
  });

  it('registers a repeat and merges it at once', () => {
    expect(mergeChanges().map((c) => `${c.from}>${c.to}:${c.reason}`)).toEqual(['>registered:registered', 'registered>merged:merged']);
  });
});

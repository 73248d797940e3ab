import { consensusOf } from './negotiation';

describe('negotiation (协商) among candidate units', () => {
  const candidates = ['a', 'b', 'c'];
  it('settles when every candidate answered and exactly one takes the lead, with the assisting ones as 协办', () => {
    expect(consensusOf(candidates, [{ unitId: 'b', stance: 'lead' }, { unitId: 'a', stance: 'assist' }, { unitId: 'c', stance: 'not-ours' }])).toEqual({
      primaryUnitId: 'b',
      assistingUnitIds: ['a'],
    });
  });

  it('leaves it to the hotline while someone is silent, with no lead or with two', () => {
    expect(consensusOf(candidates, [{ unitId: 'b', stance: 'lead' }, { unitId: 'a', stance: 'assist' }])).toBeUndefined();
    expect(consensusOf(candidates, candidates.map((unitId) => ({ unitId, stance: 'not-ours' as const })))).toBeUndefined();
    expect(consensusOf(candidates, [{ unitId: 'a', stance: 'lead' }, { unitId: 'b', stance: 'lead' }, { unitId: 'c', stance: 'assist' }])).toBeUndefined();
    // An answer from a unit that is not a candidate counts for nothing.
    expect(consensusOf(['a'], [{ unitId: 'z', stance: 'lead' }])).toBeUndefined();
  });
});

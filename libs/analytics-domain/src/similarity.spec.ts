import { bandKeys, bigrams, estimatedSimilarity, heatIndex, minHashSignature, SIGNATURE_SIZE } from './similarity';

describe('request similarity and heat', () => {
  it('shingles Han characters only: numbers and Latin letters leave no trace', () => {
    expect([...bigrams('请回电13812345678，A3区噪音')]).toEqual(['请回', '回电', '电区', '区噪', '噪音']);
    expect(minHashSignature('13812345678 abc')).toBeUndefined();
  });

  it('gives near-identical texts near-identical signatures and different matters different ones', () => {
    const a = minHashSignature('小区旁工厂夜间排放刺鼻异味，夜里气味很重无法入睡') as number[];
    const b = minHashSignature('小区旁工厂夜间排放刺鼻异味，晚上气味很重无法入睡') as number[];
    const c = minHashSignature('咨询公租房申请条件和所需材料') as number[];
    expect(a).toHaveLength(SIGNATURE_SIZE);
    expect(estimatedSimilarity(a, b)).toBeGreaterThan(0.5);
    expect(estimatedSimilarity(a, c)).toBeLessThan(0.2);
    expect(bandKeys(a).filter((k) => bandKeys(b).includes(k)).length).toBeGreaterThan(0);
  });

  it('heats by people more than by postings, and by span and likes', () => {
    const day = new Date('2025-06-01T00:00:00Z');
    const later = new Date('2025-06-08T00:00:00Z');
    const oneCitizenTenTimes = heatIndex({ requests: 10, requesters: 1, firstAt: day, lastAt: day, likes: 0 });
    const tenCitizens = heatIndex({ requests: 10, requesters: 10, firstAt: day, lastAt: day, likes: 0 });
    expect(tenCitizens).toBeGreaterThan(oneCitizenTenTimes);
    expect(heatIndex({ requests: 10, requesters: 10, firstAt: day, lastAt: later, likes: 0 })).toBeGreaterThan(tenCitizens);
    expect(heatIndex({ requests: 10, requesters: 10, firstAt: day, lastAt: day, likes: 50 })).toBeGreaterThan(tenCitizens);
  });
});

import { bySamplingKey, isSamplingKey, requestTypeLabelled, SAMPLING_KEYS } from './sampling';

describe('sampling policy keys', () => {
  it('are the default rule and the request-type codes, not their labels', () => {
    expect(SAMPLING_KEYS).toEqual(['*', 'consultation', 'help', 'complaint', 'report', 'suggestion', 'praise', 'other']);
    expect(isSamplingKey('complaint')).toBe(true);
    expect(isSamplingKey('*')).toBe(true);
    for (const bad of ['投诉', 'Complaint', '', 3, undefined]) expect(isSamplingKey(bad)).toBe(false);
  });

  it('sort with the default rule first, then in the vocabulary order', () => {
    expect((['other', 'complaint', '*', 'consultation'] as const).slice().sort(bySamplingKey)).toEqual(['*', 'consultation', 'complaint', 'other']);
  });

  it('name the code behind a Chinese label', () => {
    expect(requestTypeLabelled('投诉')).toBe('complaint');
    expect(requestTypeLabelled('其他')).toBe('other');
    expect(requestTypeLabelled('其它')).toBeUndefined();
  });
});

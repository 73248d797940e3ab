import { briefRank, requesterTrace } from './case-file';

describe('case file rules', () => {
  it('prefers intake’s brief over dispatch’s over handling’s', () => {
    expect(briefRank('intake')).toBeGreaterThan(briefRank('dispatch'));
    expect(briefRank('dispatch')).toBeGreaterThan(briefRank('handling'));
  });

  it('keeps masked identity only, and none for confidential or anonymous requesters', () => {
    expect(requesterTrace({ maskedName: '张*', maskedPhone: '138****5678', anonymous: false, confidential: false })).toEqual({
      maskedName: '张*', maskedPhone: '138****5678', anonymous: false, confidential: false,
    });
    expect(requesterTrace({ maskedName: '张三', maskedPhone: '13812345678', anonymous: false, confidential: false })).toEqual({
      maskedName: '', maskedPhone: '', anonymous: false, confidential: false,
    });
    expect(requesterTrace({ maskedName: '张*', maskedPhone: '130××××', anonymous: false, confidential: true })).toMatchObject({ maskedName: '', maskedPhone: '' });
    expect(requesterTrace({ maskedName: '张*', maskedPhone: '', anonymous: true, confidential: false })).toEqual({
      maskedName: '', maskedPhone: '', anonymous: true, confidential: false,
    });
  });
});

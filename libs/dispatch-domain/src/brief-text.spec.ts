import { withMaskedText } from './brief-text';

describe('the brief dispatch keeps', () => {
  it('masks phones, id numbers and cards in the title and content, and keeps the rest', () => {
    const brief = {
      requestId: 'r1', number: '3201-20250124-000042', areaCode: '320102001001', requesterMaskedPhone: '138****5678',
      title: '回电13812345678', content: '身份证110101199003074514，卡号6222021234567890128',
    };
    expect(withMaskedText(brief)).toEqual({ ...brief, title: '回电138****5678', content: '身份证110101********4514，卡号6222********0128' });
    expect(brief.title).toBe('回电13812345678');
    const masked = withMaskedText(brief);
    expect(withMaskedText(masked)).toEqual(masked);
  });
});

import { PiiCipher } from '@hotline/platform';
import { maskedFreeText, openFreeText, sealFreeText, titleFrom } from './free-text';

const cipher = new PiiCipher(Buffer.alloc(32, 7));
// A resident id with a valid check digit and a Luhn-valid card (libs/privacy's test values).
const CLEAR = '我的电话13812345678，身份证110101199003074514，卡号6222021234567890128被盗刷';
const MASKED = '我的电话138****5678，身份证110101********4514，卡号6222********0128被盗刷';
const stored = (columns: ReturnType<typeof sealFreeText>) => ({ tenantId: 'city-a', ...columns });

describe('free text at rest', () => {
  it('keeps the masked text in the plain column and the clear text only encrypted, when it held personal data', () => {
    const columns = sealFreeText(cipher, 'city-a', { title: '银行卡被盗刷', content: CLEAR, outcomeDetail: '请拨打 025-84561234 咨询' });
    expect(columns).toMatchObject({ title: '银行卡被盗刷', titleEnc: null, content: MASKED, outcomeDetail: '请拨打 025-****1234 咨询', freeTextSealed: true });
    for (const blob of [columns.contentEnc, columns.outcomeDetailEnc]) {
      expect(blob?.includes(Buffer.from('13812345678'))).toBe(false);
      expect(PiiCipher.keyVersionOf(blob as Buffer)).toBe(1);
    }
    expect(maskedFreeText(columns)).toEqual({ title: '银行卡被盗刷', content: MASKED, outcomeDetail: '请拨打 025-****1234 咨询' });
    expect(openFreeText(cipher, stored(columns))).toEqual({
      text: { title: '银行卡被盗刷', content: CLEAR, outcomeDetail: '请拨打 025-84561234 咨询' },
      revealed: ['content', 'scope.detail'],
    });
  });

  it('encrypts nothing for text without personal data, which then reveals nothing', () => {
    const columns = sealFreeText(cipher, 'city-a', { title: '电梯停运', content: '3号楼电梯停运三天', outcomeDetail: null });
    expect(columns).toEqual({
      title: '电梯停运',
      titleEnc: null,
      content: '3号楼电梯停运三天',
      contentEnc: null,
      outcomeDetail: null,
      outcomeDetailEnc: null,
      freeTextSealed: true,
    });
    expect(openFreeText(cipher, stored(columns)).revealed).toEqual([]);
  });

  it('cuts a missing title from the masked content, so no number cut in half escapes the masking', () => {
    const content = `${'小区门口违章停车严重请尽快处理联系人电话'.slice(0, 26)}13812345678 谢谢`;
    const columns = sealFreeText(cipher, 'city-a', { content, outcomeDetail: null });
    expect(columns.title).toBe(titleFrom(columns.content));
    expect(columns.title).not.toMatch(/\d{4,}/);
    expect(openFreeText(cipher, stored(columns)).text.title).toBe(titleFrom(content));
  });

  it('masks a row of the previous release as it is read, and opens its plain text', () => {
    const legacy = { tenantId: 'city-a', title: '求助', titleEnc: null, content: CLEAR, contentEnc: null, outcomeDetail: null, outcomeDetailEnc: null, freeTextSealed: false };
    expect(maskedFreeText(legacy)).toEqual({ title: '求助', content: MASKED, outcomeDetail: null });
    expect(openFreeText(cipher, legacy)).toEqual({ text: { title: '求助', content: CLEAR, outcomeDetail: null }, revealed: ['content'] });
  });
});

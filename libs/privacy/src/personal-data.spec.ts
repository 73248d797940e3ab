import { containsPersonalData, findPersonalData, isResidentIdNumber, maskPersonalData, passesLuhn } from './personal-data';

// Test values: a valid-format resident id (check digit computed), a Luhn-valid card number.
const ID = '110101199003074514';
const CARD = '6222021234567890128';

describe('personal data in free text', () => {
  it('checks resident id numbers by their date and check digit, and cards by Luhn', () => {
    expect(isResidentIdNumber(ID)).toBe(true);
    expect(isResidentIdNumber('110101199003074513')).toBe(false); // wrong check digit
    expect(isResidentIdNumber('110101199002304514')).toBe(false); // 30 February
    expect(passesLuhn(CARD)).toBe(true);
    expect(passesLuhn('6222021234567890127')).toBe(false);
  });

  it('finds mobiles, landlines, id numbers, cards and e-mails as people type them', () => {
    const text = `我的电话13812345678，另一个 +86 139-0000-1111，座机025-84561234转8，身份证${ID}，卡号 6222 0212 3456 7890 128，邮箱 zhang.san@example.com。`;
    expect(findPersonalData(text).map((m) => [m.kind, m.text])).toEqual([
      ['mobile', '13812345678'],
      ['mobile', '+86 139-0000-1111'],
      ['landline', '025-84561234转8'],
      ['id-number', ID],
      ['bank-card', '6222 0212 3456 7890 128'],
      ['email', 'zhang.san@example.com'],
    ]);
    expect(maskPersonalData(text)).toBe(
      '我的电话138****5678，另一个 139****1111，座机025-****1234，身份证110101********4514，卡号 6222********0128，邮箱 z***@example.com。',
    );
  });

  it('leaves request numbers, dates, amounts and codes alone', () => {
    for (const text of [
      '流水号 3201-20250124-000042 已受理',
      '2025-01-24 反映，金额 12000 元，面积 138 平方米',
      '区划代码 320102001001，分类 030603',
      '订单号 20250124123456789012', // 20 digits: no card, no id
      '工号 13800',
      '时间 0000-00000000，编号 0000-00000000 2014', // placeholders of an anonymised export
    ])
      expect(containsPersonalData(text)).toBe(false);
    expect(maskPersonalData('3号楼电梯停运三天')).toBe('3号楼电梯停运三天');
  });
});

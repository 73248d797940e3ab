import { canReadClearText, CLEAR_TEXT_READERS, maskBriefText, maskReasons, protectText } from './personal-data';

const ID = '110101199003074514';
const CARD = '6222021234567890128';

describe('personal data in work orders', () => {
  it('keeps the clear text beside the masked one only when it holds personal data', () => {
    expect(protectText(`电话13812345678联系，身份证${ID}，退款至卡${CARD}`)).toEqual({
      masked: '电话138****5678联系，身份证110101********4514，退款至卡6222********0128',
      clear: `电话13812345678联系，身份证${ID}，退款至卡${CARD}`,
    });
    expect(protectText('《物业管理条例》第三十五条')).toEqual({ masked: '《物业管理条例》第三十五条' });
  });

  it("masks a brief's title and content, leaves the rest, and takes briefs stored without them", () => {
    const brief = { requestId: 'r-1', title: '电话13812345678', content: '夜间施工噪音', requesterMaskedPhone: '138****5678' };
    expect(maskBriefText(brief)).toEqual({ ...brief, title: '电话138****5678' });
    expect(maskBriefText({})).toEqual({});
    expect(maskReasons(['未写明联系电话', '不得写入第三人身份证' + ID])).toEqual(['未写明联系电话', '不得写入第三人身份证110101********4514']);
  });

  it('lets the answering unit and supervisors read in clear, and no reviewer, dispatcher or admin', () => {
    expect(CLEAR_TEXT_READERS).toEqual(['unit-operator', 'unit-leader', 'unit-principal', 'supervisor']);
    expect(canReadClearText({ roles: ['unit-operator'], unit: 'u1' }, 'u1')).toBe(true);
    expect(canReadClearText({ roles: ['unit-leader'], unit: 'u1' }, 'u2')).toBe(false);
    expect(canReadClearText({ roles: ['supervisor'] }, 'u2')).toBe(true);
    for (const role of ['reviewer', 'dispatcher', 'tenant-admin'] as const) expect(canReadClearText({ roles: [role], unit: 'u1' }, 'u1')).toBe(false);
  });
});

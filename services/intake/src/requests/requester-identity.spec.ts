import { PiiCipher } from '@hotline/platform';
import { RequestEntity } from './request.entity';
import { openRequester, sealRequester } from './requester-identity';

const cipher = new PiiCipher(Buffer.alloc(32, 7));
const stored = (columns: ReturnType<typeof sealRequester>) => Object.assign(new RequestEntity(), { tenantId: 'city-a', ...columns });

describe('requester identity at rest', () => {
  it('encrypts a named requester and opens it again', () => {
    const requester = { anonymous: false as const, name: '张三丰', phone: '13812345678', idNumber: '32010219900101123X', confidential: true };
    const columns = sealRequester(cipher, 'city-a', requester);
    expect(columns).toMatchObject({ anonymous: false, confidential: true, requesterAddressEnc: null });
    expect(columns.requesterPhoneEnc?.includes(Buffer.from('13812345678'))).toBe(false);
    expect(openRequester(cipher, stored(columns))).toEqual(requester);
  });

  it('stores nothing at all for an anonymous requester', () => {
    const columns = sealRequester(cipher, 'city-a', { anonymous: true });
    expect(columns).toEqual({
      anonymous: true,
      confidential: false,
      requesterNameEnc: null,
      requesterPhoneEnc: null,
      requesterIdNumberEnc: null,
      requesterAddressEnc: null,
    });
    expect(openRequester(cipher, stored(columns))).toEqual({ anonymous: true });
  });
});

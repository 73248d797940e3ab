import { intakeConfigSchema } from '../config';
import { RequesterMatchKeys } from './requester-match-keys';

const config = (extra: Record<string, string> = {}) => intakeConfigSchema.parse({ PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), ...extra });

describe('requester match keys', () => {
  it('gives one hash to one phone of one tenant, however it is written, and another to another tenant', () => {
    const keys = new RequesterMatchKeys(config());
    expect(keys.phoneKey('city-a', '+86 138-1234-5678')).toBe(keys.phoneKey('city-a', '13812345678'));
    expect(keys.phoneKey('city-b', '13812345678')).not.toBe(keys.phoneKey('city-a', '13812345678'));
    expect(keys.phoneKey('city-a', '13812345678')).not.toContain('13812345678');
    expect(keys.of('city-a', { anonymous: true })).toEqual({ requesterKey: null, addressKey: null });
  });

  it('takes REQUESTER_MATCH_KEY when set, so rotating the PII key leaves the hashes as they were', () => {
    const own = Buffer.alloc(32, 9).toString('base64');
    const before = new RequesterMatchKeys(config({ REQUESTER_MATCH_KEY: own }));
    const rotated = new RequesterMatchKeys({ ...config({ REQUESTER_MATCH_KEY: own }), PII_MASTER_KEY: Buffer.alloc(32, 8).toString('base64') });
    expect(rotated.phoneKey('city-a', '13812345678')).toBe(before.phoneKey('city-a', '13812345678'));
    expect(new RequesterMatchKeys(config()).phoneKey('city-a', '13812345678')).not.toBe(before.phoneKey('city-a', '13812345678'));
    expect(intakeConfigSchema.safeParse({ PII_MASTER_KEY: own, REQUESTER_MATCH_KEY: 'short' }).success).toBe(false);
  });
});

import { z } from 'zod';
import { PiiCipher, piiConfigShape } from './pii-cipher';

describe('PiiCipher', () => {
  const cipher = new PiiCipher(Buffer.alloc(32, 7));

  it('round-trips and never stores the clear text', () => {
    const blob = cipher.encrypt('city-a', '13812345678');
    expect(blob[0]).toBe(1);
    expect(blob.length).toBe(1 + 12 + 16 + 11);
    expect(blob.includes(Buffer.from('13812345678'))).toBe(false);
    expect(cipher.decrypt('city-a', blob)).toBe('13812345678');
    expect(cipher.encrypt('city-a', '张三').equals(cipher.encrypt('city-a', '张三'))).toBe(false);
  });

  it('uses a different key per tenant, and detects tampering', () => {
    const blob = cipher.encrypt('city-a', '张三');
    expect(() => cipher.decrypt('city-b', blob)).toThrow();
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] ^= 1;
    expect(() => cipher.decrypt('city-a', tampered)).toThrow();
    expect(() => cipher.decrypt('city-a', Buffer.from([2, ...blob.subarray(1)]))).toThrow(/no PII key of version 2/);
  });

  it('encrypts under the current key version and still reads what retired keys wrote', () => {
    const old = cipher.encrypt('city-a', '13812345678');
    const rotated = new PiiCipher({ version: 2, key: Buffer.alloc(32, 9) }, [{ version: 1, key: Buffer.alloc(32, 7) }]);
    expect(rotated.decrypt('city-a', old)).toBe('13812345678');
    const fresh = rotated.encrypt('city-a', '13812345678');
    expect(PiiCipher.keyVersionOf(fresh)).toBe(2);
    expect(PiiCipher.keyVersionOf(rotated.reencrypt('city-a', old))).toBe(2);
    // Once the old key is dropped, only what the new one wrote reads.
    const withoutOld = new PiiCipher({ version: 2, key: Buffer.alloc(32, 9) });
    expect(withoutOld.decrypt('city-a', fresh)).toBe('13812345678');
    expect(() => withoutOld.decrypt('city-a', old)).toThrow(/PII_RETIRED_KEYS/);
  });

  it('refuses a key version given twice or out of range', () => {
    expect(() => new PiiCipher({ version: 1, key: Buffer.alloc(32) }, [{ version: 1, key: Buffer.alloc(32, 1) }])).toThrow(/twice/);
    expect(() => new PiiCipher({ version: 256, key: Buffer.alloc(32) })).toThrow(/1 to 255/);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => new PiiCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('is built from the validated configuration, as a service holds it', () => {
    const config = z.object(piiConfigShape).parse({ PII_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'), PII_KEY_VERSION: '2', PII_RETIRED_KEYS: `1:${Buffer.alloc(32, 7).toString('base64')}` });
    const fromConfig = PiiCipher.fromConfig(config);
    expect(fromConfig.currentVersion).toBe(2);
    expect(fromConfig.decrypt('city-a', cipher.encrypt('city-a', '张三'))).toBe('张三');
    expect(() => PiiCipher.fromConfig({ PII_MASTER_KEY: 'x' })).toThrow(/piiConfigShape/);
  });
});

import { PiiCipher } from './pii-cipher';

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
    expect(() => cipher.decrypt('city-a', Buffer.from([2, ...blob.subarray(1)]))).toThrow(/version/);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => new PiiCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * 提取码: eight random digits, returned once; only its hash is kept. Eight rather than the six
 * codes had before (which still open their requests): with the lookup lockout a guesser gets at
 * most 480 tries a day per number, one chance in 208 000 a day against 10^8 codes, where against
 * 10^6 it was one in 2 000 (docs/security.md).
 */
const ACCESS_CODE_DIGITS = 8;

export function newAccessCode(): string {
  return String(randomInt(0, 10 ** ACCESS_CODE_DIGITS)).padStart(ACCESS_CODE_DIGITS, '0');
}

export function accessCodeHash(number: string, code: string): string {
  return createHash('sha256').update(`${number}:${code}`).digest('hex');
}

/** Compares hashes in constant time, so the time of an answer says nothing about how much of a code was right. */
export function accessCodeMatches(number: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(accessCodeHash(number, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

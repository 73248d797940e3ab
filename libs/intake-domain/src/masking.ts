// Masked forms of requester identity, shown everywhere except the audited clear read.
// Array.from splits by code point, so CJK and astral characters count as one.

/** 张三丰 → 张** */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; too short to keep both ends: first character only. */
export function maskPhone(phone: string): string {
  const chars = Array.from(phone.trim());
  if (chars.length === 0) return '';
  if (chars.length < 8) return chars[0] + '*'.repeat(chars.length - 1);
  return `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`;
}

/** 320102199001011234 → 320102********1234; too short: first character only. */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber.trim());
  if (chars.length === 0) return '';
  if (chars.length < 11) return chars[0] + '*'.repeat(chars.length - 1);
  return `${chars.slice(0, 6).join('')}********${chars.slice(-4).join('')}`;
}

/** 南京市玄武区中山路1号 → 南京市玄武区… */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  if (chars.length === 0) return '';
  return `${chars.slice(0, 6).join('')}…`;
}

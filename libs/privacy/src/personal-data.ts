/**
 * Personal data that citizens and units type into free text (titles, contents, answers, contact
 * records): mainland mobile and landline numbers, 18-digit resident identity numbers (with a
 * valid check digit), bank-card numbers (Luhn) and e-mail addresses. Found so that the owning
 * service can keep the clear text encrypted and show everyone else the masked text (issue 10).
 * Digit runs inside longer digit runs (request numbers, dates, amounts) are not taken for a
 * number: each pattern must stand on its own.
 */
export const PERSONAL_DATA_KINDS = ['id-number', 'bank-card', 'mobile', 'landline', 'email'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
  text: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: 17 digits, a birth date, and an ISO 7064 MOD 11-2 check character. */
export function isResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const born = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || born.getUTCMonth() !== month - 1 || born.getUTCDate() !== day) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17]?.toUpperCase();
}

/** The Luhn check of payment-card numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** A landline without its extension, when what is left is still a whole number (area code + 7–8 digits). */
function withoutExtension(text: string): string {
  const stripped = text.replace(/[-转]\d{1,6}$/, '');
  return digitsOf(stripped).length >= 10 ? stripped : text;
}

/** A whole landline number: an area code other than 000 and a subscriber number that is not all zeros (placeholders). */
function isLandline(text: string): boolean {
  const d = digitsOf(withoutExtension(text));
  return d.length >= 10 && !d.startsWith('000') && !/^0+$/.test(d.slice(areaCodeOf(d).length));
}

/** A landline's area code: three digits for Beijing (010) and the 02x cities, four elsewhere. */
function areaCodeOf(digits: string): string {
  return /^(010|02\d)/.test(digits) ? digits.slice(0, 3) : digits.slice(0, 4);
}

// Each candidate is bounded by non-digits (a lookbehind and a lookahead), so that a run of
// digits is judged whole. Separators people type: spaces and dashes.
const PATTERNS: Array<{ kind: PersonalDataKind; regex: RegExp; accept: (m: string) => boolean }> = [
  { kind: 'id-number', regex: /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, accept: isResidentIdNumber },
  {
    kind: 'bank-card',
    regex: /(?<![\d-])(?:\d{4}[ -]?){3,4}\d{1,4}(?![\d-])/g,
    accept: (m) => {
      const d = digitsOf(m);
      // Card numbers begin with an industry digit 3–9 (UnionPay 62, Visa 4, Mastercard 5 …).
      return d.length >= 15 && d.length <= 19 && /^[3-9]/.test(d) && passesLuhn(d) && !isResidentIdNumber(d);
    },
  },
  { kind: 'mobile', regex: /(?<![\d+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g, accept: () => true },
  { kind: 'landline', regex: /(?<![\d-])0\d{2,3}[ -]?\d{7,8}(?:[-转]\d{1,6})?(?![\d-])/g, accept: isLandline },
  { kind: 'email', regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, accept: () => true },
];

/** Every piece of personal data in `text`, in order, never two overlapping (the earlier kind wins). */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const { kind, regex, accept } of PATTERNS) {
    for (const m of text.matchAll(regex)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (!accept(m[0]) || found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ kind, start, end, text: m[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export function containsPersonalData(text: string): boolean {
  return findPersonalData(text).length > 0;
}

/** The masked form of one match: enough left to tell which it is (the last four), never the rest. */
export function maskMatch(m: Pick<PersonalDataMatch, 'kind' | 'text'>): string {
  const d = digitsOf(m.text);
  switch (m.kind) {
    case 'mobile':
      return `${d.slice(-11, -8)}****${d.slice(-4)}`;
    case 'landline': {
      // The subscriber number's last four, not an extension's (025-84561234转8).
      const number = digitsOf(withoutExtension(m.text));
      return `${areaCodeOf(number)}-****${number.slice(-4)}`;
    }
    case 'id-number':
      return `${m.text.slice(0, 6)}********${m.text.slice(-4)}`;
    case 'bank-card':
      return `${d.slice(0, 4)}********${d.slice(-4)}`;
    case 'email': {
      const [local = '', domain = ''] = m.text.split('@');
      return `${local.slice(0, 1)}***@${domain}`;
    }
  }
}

/** `text` with every piece of personal data in it masked. */
export function maskPersonalData(text: string): string {
  let out = '';
  let at = 0;
  for (const m of findPersonalData(text)) {
    out += text.slice(at, m.start) + maskMatch(m);
    at = m.end;
  }
  return out + text.slice(at);
}

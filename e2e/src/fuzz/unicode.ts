/**
 * Unicode edge cases for text fields, query values and path segments. `refused`: no endpoint
 * may accept it (control characters other than tab, CR and LF; lone surrogates; bytes that are
 * not UTF-8), whatever the field's schema says. The others are valid text a field without a
 * pattern may take: they must not break anything, and must not come back altered.
 */
export interface UnicodeCase {
  label: string;
  /** The text inserted into a JSON string (a lone surrogate is written as its `\uXXXX` escape). */
  text?: string;
  /** Raw bytes inserted as they are: not UTF-8, so not expressible as a JS string. */
  bytes?: Buffer;
  refused: boolean;
}

const COMBINING_ACUTE = '\u0301';

export const UNICODE_CASES: readonly UnicodeCase[] = [
  { label: 'U+0000 NUL', text: 'a\u0000b', refused: true },
  { label: 'U+0001 SOH', text: 'a\u0001b', refused: true },
  { label: 'U+0008 backspace', text: 'a\bb', refused: true },
  { label: 'U+001B escape', text: '\u001b[31mred\u001b[0m', refused: true },
  { label: 'U+007F DEL', text: 'a\u007fb', refused: true },
  { label: 'U+0085 NEL (C1)', text: 'a\u0085b', refused: true },
  { label: 'U+009B CSI (C1)', text: 'a\u009b31mb', refused: true },
  { label: 'lone high surrogate \\ud800', text: 'a\ud800b', refused: true },
  { label: 'lone low surrogate \\udc00', text: 'a\udc00b', refused: true },
  { label: 'surrogates reversed \\udc00\\ud800', text: '\udc00\ud800', refused: true },
  { label: 'trailing high surrogate', text: 'ab\udbff', refused: true },
  { label: 'raw bytes: lone surrogate ED A0 80', bytes: Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62]), refused: true },
  { label: 'raw bytes: FF', bytes: Buffer.from([0x61, 0xff, 0x62]), refused: true },
  { label: 'raw bytes: overlong "/" C0 AF', bytes: Buffer.from([0x61, 0xc0, 0xaf, 0x62]), refused: true },
  { label: 'raw bytes: truncated 3-byte E4 B8', bytes: Buffer.from([0x61, 0xe4, 0xb8]), refused: true },
  { label: 'raw bytes: beyond U+10FFFF F4 90 80 80', bytes: Buffer.from([0xf4, 0x90, 0x80, 0x80]), refused: true },
  { label: 'tab, CR and LF', text: 'a\tb\r\nc', refused: false },
  { label: 'BOM U+FEFF inside', text: '\ufeff诉求\ufeff', refused: false },
  { label: 'RTL override U+202E', text: 'abc\u202edef\u202c', refused: false },
  { label: 'zero-width space and joiner', text: 'a\u200bb\u200dc\u2060', refused: false },
  { label: '4-byte emoji and CJK ext-B', text: '电梯😀𠀀👍🏽', refused: false },
  { label: 'ZWJ family emoji', text: '👨\u200d👩\u200d👧\u200d👦', refused: false },
  { label: 'NFC é', text: 'caf\u00e9', refused: false },
  { label: 'NFD é', text: 'cafe\u0301', refused: false },
  { label: 'Angstrom sign U+212B (NFC: U+00C5)', text: '\u212b', refused: false },
  { label: 'long grapheme cluster (1 + 150 combining marks)', text: `e${COMBINING_ACUTE.repeat(150)}`, refused: false },
  { label: 'line and paragraph separators', text: 'a\u2028b\u2029c', refused: false },
  { label: 'noncharacters U+FFFE U+FFFF', text: 'a\ufffe\uffffb', refused: false },
  { label: 'replacement char U+FFFD', text: 'a\ufffdb', refused: false },
  { label: 'private use U+E000', text: '\ue000', refused: false },
  { label: 'full-width digits', text: '１２３４５６', refused: false },
  { label: 'only whitespace (ideographic space)', text: '\u3000 \u3000', refused: false },
  { label: 'quotes, backslash, SQL and HTML', text: `'"\\; drop table requests;-- <script>alert(1)</script>`, refused: false },
];

/** Percent-encoding of text or raw bytes for a query value or a path segment. */
export function percentEncoded(u: UnicodeCase): string {
  if (u.bytes) return [...u.bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const text = u.text ?? '';
  // encodeURIComponent throws on a lone surrogate: send its (invalid) WTF-8 bytes instead.
  return [...text]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 0xd800 && code <= 0xdfff)
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      return encodeURIComponent(ch);
    })
    .join('');
}

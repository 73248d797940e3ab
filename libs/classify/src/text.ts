// Local aliases: hot loops must not look up the global Math, which is slow in vm contexts (Jest).
const { floor } = Math;

// Text normalisation and character n-grams. Chinese has no spaces between words, so instead of a
// word segmenter the features are overlapping character n-grams inside runs of word characters.
// N-grams (up to three characters) are encoded as numbers, which is much faster to count and
// look up than substrings: each character is one UTF-16 code unit, so a trigram fits 48 bits.

export const MAX_NGRAM = 3;
const CHAR_BASE = 65536;

/**
 * Folds full-width forms (NFKC), lower-cases, maps each digit run to 0 (house numbers, dates and
 * masked phone numbers carry no category), collapses masking runs such as `****` or `xxx`, and
 * replaces characters outside the Basic Multilingual Plane (mostly emoji) by U+FFFD.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[0-9]+/g, '0')
    .replace(/\*{2,}|x{3,}/g, '*')
    .replace(/[\u{10000}-\u{10FFFF}]/gu, '\ufffd');
}

// Letters (any script), digits, the masking star and U+FFFD form runs; all else separates them.
const RUN = /[\p{L}\p{N}*\ufffd]+/gu;

/** Splits normalised text into runs of word characters (punctuation and spaces separate runs). */
export function textRuns(normalised: string): string[] {
  return normalised.match(RUN) ?? [];
}

/**
 * Appends the keys of every character n-gram of length minN..maxN (maxN <= 3) within each run to
 * `keys` from position `at`, each plus `offset` (which keeps different views apart), and returns
 * the new end position. Keys go to a typed array so that they are never boxed.
 */
export function appendNgramKeys(
  runs: readonly string[],
  minN: number,
  maxN: number,
  offset: number,
  keys: Float64Array,
  at: number,
): number {
  for (const run of runs) {
    for (let start = 0; start < run.length; start++) {
      let key = 0;
      for (let n = 1; n <= maxN && start + n <= run.length; n++) {
        key = key * CHAR_BASE + run.charCodeAt(start + n - 1);
        if (n >= minN) keys[at++] = key + offset;
      }
    }
  }
  return at;
}

/** How many keys appendNgramKeys can write for runs of `length` characters in total. */
export function ngramCapacity(length: number, maxN: number): number {
  return length * maxN;
}

/** The characters of an n-gram key (without its view offset). */
export function ngramText(key: number): string {
  const codes: number[] = [];
  while (key > 0) {
    codes.unshift(key % CHAR_BASE);
    key = floor(key / CHAR_BASE);
  }
  return String.fromCharCode(...codes);
}

/** The key of a string of 1..3 characters (the inverse of ngramText). */
export function ngramKey(text: string): number {
  let key = 0;
  for (let i = 0; i < text.length; i++) key = key * CHAR_BASE + text.charCodeAt(i);
  return key;
}

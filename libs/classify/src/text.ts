// Text normalisation and character n-grams. Chinese has no spaces between words, so instead of a
// word segmenter the features are overlapping character n-grams inside runs of "word" characters.

/**
 * Folds full-width forms (NFKC), lower-cases, maps every digit to 0 (house numbers, dates and
 * masked phone numbers carry no category) and collapses masking runs such as `****` or `xxx`.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[0-9]+/g, '0')
    .replace(/\*{2,}|x{3,}/g, '*');
}

// Letters (any script), digits and the masking star form runs; everything else separates them.
const RUN = /[\p{L}\p{N}*]+/gu;

/** Splits normalised text into runs of word characters (punctuation and spaces separate runs). */
export function textRuns(normalised: string): string[] {
  return normalised.match(RUN) ?? [];
}

/**
 * Counts character n-grams of lengths minN..maxN within each run. Strings are iterated by code
 * point so that characters outside the BMP are not split.
 */
export function countCharNgrams(
  runs: readonly string[],
  minN: number,
  maxN: number,
  prefix: string,
  counts: Map<string, number> = new Map(),
): Map<string, number> {
  for (const run of runs) {
    const chars = Array.from(run);
    for (let start = 0; start < chars.length; start++) {
      let gram = '';
      for (let n = 1; n <= maxN && start + n <= chars.length; n++) {
        gram += chars[start + n - 1];
        if (n < minN) continue;
        const key = prefix + gram;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

export function countSkipGrams(runs: readonly string[], counts: Map<string, number>): void {
  for (const run of runs) {
    const chars = Array.from(run);
    for (let i = 0; i + 2 < chars.length; i++) {
      const key = chars[i] + '_' + chars[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
}

import { normaliseText, textRuns } from './text';

// Local aliases: hot loops must not look up the global Math, which is slow in vm contexts (Jest).
const { imul, max, min } = Math;


// Near-duplicate grouping, so that cross-validation never scores a message against a copy of
// itself in the training folds. Two messages belong to the same group when (transitively):
//  1. their texts are equal after normalisation (NFKC, lower case, digits folded, all whitespace
//     and punctuation removed), or
//  2. their lead fields (titles) are equal after normalisation and at least MIN_TITLE_CHARS long
//     (a citizen re-posting the same request under the same title), or
//  3. the Jaccard similarity of their sets of character 3-grams is at least JACCARD_THRESHOLD,
//     found with MinHash signatures and locality-sensitive hashing, then checked exactly.

export const MIN_TITLE_CHARS = 6;
export const JACCARD_THRESHOLD = 0.5;
const BANDS = 20;
const ROWS_PER_BAND = 3; // candidate probability 50% at Jaccard ~0.37, >99% at 0.6

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[max(ra, rb)] = min(ra, rb);
  }
}

function compact(text: string): string {
  return textRuns(normaliseText(text)).join('');
}

function hashString(s: string): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < s.length; i++) h = imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(x: number, seed: number): number {
  let h = imul(x ^ seed, 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function shingles(text: string): Set<number> {
  const chars = Array.from(text);
  const out = new Set<number>();
  if (chars.length < 3) {
    if (chars.length) out.add(hashString(chars.join('')));
    return out;
  }
  for (let i = 0; i + 3 <= chars.length; i++) out.add(hashString(chars[i] + chars[i + 1] + chars[i + 2]));
  return out;
}

function jaccard(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/**
 * Returns a group id per document (documents are arrays of text fields; the first is the lead
 * field). Group ids are the smallest member index, so they are deterministic.
 */
export function nearDuplicateGroups(documents: readonly (readonly string[])[]): Int32Array {
  const groups = new UnionFind(documents.length);
  const unionEqual = (keys: string[]) => {
    const first = new Map<string, number>();
    keys.forEach((key, i) => {
      if (!key) return;
      const seen = first.get(key);
      if (seen === undefined) first.set(key, i);
      else groups.union(seen, i);
    });
  };
  const texts = documents.map((fields) => compact(fields.join(' ')));
  unionEqual(texts);
  if (documents.length && documents[0].length > 1) {
    unionEqual(documents.map((f) => compact(f[0])).map((t) => (Array.from(t).length >= MIN_TITLE_CHARS ? t : '')));
  }

  const sets = texts.map(shingles);
  const hashCount = BANDS * ROWS_PER_BAND;
  const seeds = Array.from({ length: hashCount }, (_, i) => mix(i + 1, 0x9e3779b9));
  const buckets = new Map<string, number[]>();
  sets.forEach((set, doc) => {
    if (set.size === 0) return;
    const signature = new Uint32Array(hashCount).fill(0xffffffff);
    for (const x of set) {
      for (let h = 0; h < hashCount; h++) {
        const v = mix(x, seeds[h]);
        if (v < signature[h]) signature[h] = v;
      }
    }
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${signature.subarray(b * ROWS_PER_BAND, (b + 1) * ROWS_PER_BAND).join(',')}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(doc);
      else buckets.set(key, [doc]);
    }
  });
  const checked = new Set<number>();
  for (const bucket of buckets.values()) {
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        const a = bucket[i];
        const b = bucket[j];
        const pair = a * documents.length + b;
        if (checked.has(pair)) continue;
        checked.add(pair);
        if (groups.find(a) !== groups.find(b) && jaccard(sets[a], sets[b]) >= JACCARD_THRESHOLD) groups.union(a, b);
      }
    }
  }
  return Int32Array.from(documents, (_, i) => groups.find(i));
}

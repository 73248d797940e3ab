// Clusters of similar requests (同一事项的诉求聚类): text similarity by MinHash over character
// bigrams, plus place (the same area) and time (within the tenant's span). Only the signature is
// kept, never the text; digits and Latin letters are dropped before shingling so that phone,
// ID and card numbers leave no trace in it.

/** Hashes per signature; banded 16 × 2 so pairs near Jaccard 0.3 meet as candidates ~78% of the time. */
export const SIGNATURE_SIZE = 32;
export const BAND_ROWS = 2;

export interface ClusterSettings {
  /** Estimated Jaccard similarity of bigram sets from which two requests are the same matter. */
  minSimilarity: number;
  /** A request joins a cluster whose last request is at most this many days older. */
  spanDays: number;
}

/** Tuned on the 泰迪杯 board (its re-posted and most-liked messages form real clusters). */
export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = { minSimilarity: 0.3, spanDays: 30 };

/** The text as shingled: Han characters only, so numbers, masks and punctuation play no part. */
export function normalizeForSimilarity(text: string): string {
  return text.replace(/[^\p{Script=Han}]/gu, '');
}

export function bigrams(text: string): Set<string> {
  const t = normalizeForSimilarity(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** FNV-1a 32-bit of a string with a seed mixed in. */
function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

/** The MinHash signature (SIGNATURE_SIZE unsigned 32-bit values); undefined for a text with no bigram. */
export function minHashSignature(text: string): number[] | undefined {
  const grams = [...bigrams(text)];
  if (grams.length === 0) return undefined;
  return SEEDS.map((seed) => grams.reduce((min, g) => Math.min(min, fnv1a(g, seed)), 0xffffffff));
}

/** The band keys of a signature: requests sharing one are candidates of each other. */
export function bandKeys(signature: readonly number[]): string[] {
  const keys: string[] = [];
  for (let b = 0; b * BAND_ROWS < signature.length; b++) keys.push(`${b}:${signature.slice(b * BAND_ROWS, (b + 1) * BAND_ROWS).join('.')}`);
  return keys;
}

/** Estimated Jaccard similarity: the share of positions where the signatures agree. */
export function estimatedSimilarity(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) same++;
  return same / Math.max(a.length, b.length);
}

export interface ClusterFigures {
  requests: number;
  requesters: number;
  firstAt: Date;
  lastAt: Date;
  /** Public likes where the channel carries them (0 otherwise). */
  likes: number;
}

/**
 * Heat index (热度): how many people, not how many postings, raised the matter, over how long,
 * and how much the public backed it. requesters × (1 + ln requests) × (1 + ln(1 + span days))
 * + ln(1 + likes): one citizen re-posting ten times stays cooler than ten citizens once each.
 */
export function heatIndex(c: ClusterFigures): number {
  const spanDays = Math.max(0, (c.lastAt.getTime() - c.firstAt.getTime()) / 86_400_000);
  const heat = c.requesters * (1 + Math.log(Math.max(1, c.requests))) * (1 + Math.log1p(spanDays)) + Math.log1p(Math.max(0, c.likes));
  return Math.round(heat * 1000) / 1000;
}

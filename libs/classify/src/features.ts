import { appendNgramKeys, MAX_NGRAM, ngramCapacity, normaliseText, textRuns } from './text';

/** How a request's text fields become features; stored in the model file. */
export interface FeatureConfig {
  /** Shortest and longest character n-gram over all text fields joined (longest at most 3). */
  ngramMin: number;
  ngramMax: number;
  /**
   * Weight of a separate view of the first text field (usually the title: short, and written to
   * say what the request is about). 0 disables the view; it is also skipped with a single field.
   */
  leadFieldWeight: number;
  /** Longest n-gram in the lead field view (at most 3). */
  leadNgramMax: number;
  /** Terms seen in fewer training documents are dropped (keeps the model small, removes noise). */
  minDf: number;
  /** Use 1 + ln(count) instead of the raw count. */
  sublinearTf: boolean;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  ngramMin: 1,
  ngramMax: 3,
  leadFieldWeight: 0.5,
  leadNgramMax: 3,
  minDf: 2,
  sublinearTf: true,
};

/** Added to the keys of lead-field n-grams; above every 3-character key (< 2^48). */
export const LEAD_VIEW_OFFSET = 2 ** 48;

export function validateFeatureConfig(config: FeatureConfig): void {
  const { ngramMin, ngramMax, leadNgramMax, minDf } = config;
  if (!(ngramMin >= 1 && ngramMin <= ngramMax && ngramMax <= MAX_NGRAM && leadNgramMax >= 1 && leadNgramMax <= MAX_NGRAM)) {
    throw new Error(`n-gram lengths must satisfy 1 <= min <= max <= ${MAX_NGRAM}`);
  }
  if (!(minDf >= 1)) throw new Error('minDf must be at least 1');
}

export function usesLeadView(config: FeatureConfig, fieldCount: number): boolean {
  return config.leadFieldWeight > 0 && fieldCount > 1;
}

/** A reusable buffer of one document's n-gram keys (with repeats), view 0 first. */
export interface TermKeys {
  keys: Float64Array;
  /** Keys [0, viewEnd) belong to view 0 (all fields), [viewEnd, length) to view 1 (lead field). */
  viewEnd: number;
  length: number;
}

/**
 * Collects the n-gram keys of a document (an array of text fields): view 0 is all fields joined,
 * view 1 (if used) the lead field alone, its keys offset by LEAD_VIEW_OFFSET.
 */
export function collectTermKeys(fields: readonly string[], config: FeatureConfig, buffer?: TermKeys): TermKeys {
  const runsPerField = fields.map((f) => textRuns(normaliseText(f)));
  let characters = 0;
  for (const runs of runsPerField) for (const run of runs) characters += run.length;
  const needed = ngramCapacity(characters, MAX_NGRAM) * 2;
  const out = buffer && buffer.keys.length >= needed ? buffer : { keys: new Float64Array(Math.max(needed, 4096)), viewEnd: 0, length: 0 };
  let at = 0;
  for (const runs of runsPerField) at = appendNgramKeys(runs, config.ngramMin, config.ngramMax, 0, out.keys, at);
  out.viewEnd = at;
  if (usesLeadView(config, fields.length)) {
    at = appendNgramKeys(runsPerField[0], 1, config.leadNgramMax, LEAD_VIEW_OFFSET, out.keys, at);
  }
  out.length = at;
  return out;
}

import { countCharNgrams, countSkipGrams, normaliseText, textRuns } from './text';

/** How a request's text fields become features; stored in the model file. */
export interface FeatureConfig {
  /** Shortest and longest character n-gram over all text fields joined. */
  ngramMin: number;
  ngramMax: number;
  /**
   * Weight of a separate view of the first text field (usually the title: short, and written to
   * say what the request is about). 0 disables the view; it is also skipped with a single field.
   */
  leadFieldWeight: number;
  /** Longest n-gram in the lead field view. */
  leadNgramMax: number;
  /** Terms seen in fewer training documents are dropped (keeps the model small, removes noise). */
  minDf: number;
  /** Use 1 + ln(count) instead of the raw count. */
  sublinearTf: boolean;
  /** Also count character pairs with one character between them (c1_c3). */
  skipGrams?: boolean;
  /** When the lead field is empty, use this many leading characters of the next field instead. */
  pseudoLeadChars?: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  ngramMin: 1,
  ngramMax: 3,
  leadFieldWeight: 0.5,
  leadNgramMax: 3,
  minDf: 2,
  sublinearTf: true,
};

/** Prefix that marks lead-field terms; it cannot occur inside a run of word characters. */
export const LEAD_PREFIX = '@';

/** One document's term counts, one map per view (all fields, then the lead field if used). */
export type ViewCounts = Map<string, number>[];

export function usesLeadView(config: FeatureConfig, fieldCount: number): boolean {
  return config.leadFieldWeight > 0 && fieldCount > 1;
}

export function viewWeights(config: FeatureConfig, fieldCount: number): number[] {
  return usesLeadView(config, fieldCount) ? [1, config.leadFieldWeight] : [1];
}

export function extractViewCounts(fields: readonly string[], config: FeatureConfig): ViewCounts {
  const runsPerField = fields.map((f) => textRuns(normaliseText(f)));
  const all = new Map<string, number>();
  for (const runs of runsPerField) countCharNgrams(runs, config.ngramMin, config.ngramMax, '', all);
  const views = [all];
  if (config.skipGrams) countSkipGrams(runsPerField.flat(), all);
  if (usesLeadView(config, fields.length)) {
    let leadRuns = runsPerField[0];
    if (leadRuns.length === 0 && config.pseudoLeadChars) {
      leadRuns = textRuns(normaliseText(fields[1].slice(0, config.pseudoLeadChars)));
    }
    views.push(countCharNgrams(leadRuns, 1, config.leadNgramMax, LEAD_PREFIX));
  }
  return views;
}

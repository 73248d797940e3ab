import { ClassifierModel } from './classifier';
import { linearScores, softmaxInPlace } from './linear-model';
import { SparseVector } from './sparse';

export interface Suggestion {
  label: string;
  /** Calibrated probability. */
  probability: number;
}

/** A term of the request's text and how much it pushed towards the suggested label. */
export interface FeatureContribution {
  /** The character n-gram as it appears in the normalised text. */
  term: string;
  /** Which text it was found in: 'text' (all fields) or the lead column's name (e.g. 'title'). */
  field: string;
  contribution: number;
}

export interface Prediction {
  label: string;
  /** The best `topK` labels, best first. */
  suggestions: Suggestion[];
  /** Why the best label: its strongest supporting terms (empty unless asked for). */
  explanation: FeatureContribution[];
}

export interface PredictOptions {
  topK?: number;
  /** How many supporting terms to return for the best label (0 = none). */
  explain?: number;
}

/** Calibrated class probabilities of an already vectorised request, in model.labels order. */
export function probabilitiesOf(model: ClassifierModel, x: SparseVector): Float64Array {
  const scores = new Float64Array(model.labels.length);
  linearScores(model.params, model.labels.length, x, scores);
  softmaxInPlace(scores, model.temperature);
  return scores;
}

/** Class indices ordered by probability, best first (ties by label order, so deterministic). */
export function rankClasses(probabilities: ArrayLike<number>): number[] {
  return Array.from({ length: probabilities.length }, (_, i) => i).sort(
    (a, b) => probabilities[b] - probabilities[a] || a - b,
  );
}

/** Text fields by column name (e.g. { title, body }) or in the model's column order. */
export type RequestText = readonly string[] | Readonly<Record<string, string | undefined>>;

function fieldsOf(model: ClassifierModel, text: RequestText): string[] {
  if (Array.isArray(text)) return text.map((t) => t ?? '');
  const record = text as Readonly<Record<string, string | undefined>>;
  return model.textColumns.map((column) => record[column] ?? '');
}

export function predict(model: ClassifierModel, text: RequestText, options: PredictOptions = {}): Prediction {
  const x = model.vectoriser.transform(fieldsOf(model, text));
  const probabilities = probabilitiesOf(model, x);
  const ranked = rankClasses(probabilities);
  const suggestions = ranked
    .slice(0, options.topK ?? 3)
    .map((k) => ({ label: model.labels[k], probability: probabilities[k] }));
  const best = ranked[0];
  return {
    label: model.labels[best],
    suggestions,
    explanation: options.explain ? explainVector(model, x, best, options.explain) : [],
  };
}

/**
 * The terms that most raised `label`'s probability. A term's contribution is its feature value
 * times its weight for the label minus its mean weight over all labels (the softmax ignores what
 * a term adds to every label alike).
 */
export function explain(model: ClassifierModel, text: RequestText, label: string, count = 5): FeatureContribution[] {
  const k = model.labels.indexOf(label);
  if (k < 0) throw new Error(`unknown label "${label}"`);
  return explainVector(model, model.vectoriser.transform(fieldsOf(model, text)), k, count);
}

function explainVector(model: ClassifierModel, x: SparseVector, k: number, count: number): FeatureContribution[] {
  const classes = model.labels.length;
  const contributions: FeatureContribution[] = [];
  for (let j = 0; j < x.indices.length; j++) {
    const base = x.indices[j] * classes;
    let mean = 0;
    for (let c = 0; c < classes; c++) mean += model.params[base + c];
    mean /= classes;
    const contribution = x.values[j] * (model.params[base + k] - mean);
    if (contribution <= 0) continue;
    const name = model.vectoriser.termName(x.indices[j]);
    contributions.push({ term: name.text, field: name.view === 1 ? model.textColumns[0] : 'text', contribution });
  }
  // Overlapping n-grams tell the same story ("天然气", "天然", "然气"): keep only the strongest
  // of those that contain one another.
  const chosen: FeatureContribution[] = [];
  for (const c of contributions.sort((a, b) => b.contribution - a.contribution || (a.term < b.term ? -1 : 1))) {
    const overlaps = chosen.some((d) => d.field === c.field && (d.term.includes(c.term) || c.term.includes(d.term)));
    if (!overlaps) chosen.push(c);
    if (chosen.length === count) break;
  }
  return chosen;
}

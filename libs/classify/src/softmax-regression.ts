import { SparseMatrix, SparseVector } from './sparse';

// Multinomial logistic regression. Parameters live in one flat vector so that a generic optimiser
// can work on them: feature f's weight for class k is at f * classes + k (the classes of one
// feature are adjacent, which suits sparse rows), followed by one bias per class.

export interface TrainingSet {
  features: SparseMatrix;
  labels: Int32Array;
  /** Per-example weight (class weighting); the loss is the weighted mean. */
  exampleWeights: Float64Array;
}

export interface ObjectiveOptions {
  classes: number;
  /** L2 penalty strength on the weights (not on the biases). */
  l2: number;
  /** Weights are pulled towards these instead of zero (warm-started retraining). */
  prior?: Float64Array;
}

export function parameterCount(features: number, classes: number): number {
  return features * classes + classes;
}

/** Writes the linear scores of one example into `out` (length = classes). */
export function linearScores(params: ArrayLike<number>, classes: number, x: SparseVector, out: Float64Array): void {
  const biasOffset = params.length - classes;
  for (let k = 0; k < classes; k++) out[k] = params[biasOffset + k];
  for (let j = 0; j < x.indices.length; j++) {
    const base = x.indices[j] * classes;
    const value = x.values[j];
    for (let k = 0; k < classes; k++) out[k] += params[base + k] * value;
  }
}

/** In-place softmax of `scores` divided by `temperature`. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): void {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp((scores[k] - max) / temperature);
    sum += scores[k];
  }
  for (let k = 0; k < scores.length; k++) scores[k] /= sum;
}

/** Weighted mean cross-entropy plus L2 penalty, and its gradient (written into `gradient`). */
export function softmaxObjective(
  params: Float64Array,
  data: TrainingSet,
  options: ObjectiveOptions,
  gradient: Float64Array,
): number {
  const { classes, l2, prior } = options;
  const { features, labels, exampleWeights } = data;
  const biasOffset = params.length - classes;
  gradient.fill(0);
  const scores = new Float64Array(classes);
  let totalWeight = 0;
  for (let i = 0; i < features.rows; i++) totalWeight += exampleWeights[i];

  let loss = 0;
  for (let i = 0; i < features.rows; i++) {
    const start = features.rowStart[i];
    const end = features.rowStart[i + 1];
    for (let k = 0; k < classes; k++) scores[k] = params[biasOffset + k];
    for (let j = start; j < end; j++) {
      const base = features.indices[j] * classes;
      const value = features.values[j];
      for (let k = 0; k < classes; k++) scores[k] += params[base + k] * value;
    }
    let max = -Infinity;
    for (let k = 0; k < classes; k++) if (scores[k] > max) max = scores[k];
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(scores[k] - max);
    const logSum = max + Math.log(sum);
    const y = labels[i];
    const w = exampleWeights[i] / totalWeight;
    loss += w * (logSum - scores[y]);
    // d loss / d score_k = w * (p_k - [k == y]); reuse `scores` for it.
    for (let k = 0; k < classes; k++) scores[k] = w * (Math.exp(scores[k] - logSum) - (k === y ? 1 : 0));
    for (let k = 0; k < classes; k++) gradient[biasOffset + k] += scores[k];
    for (let j = start; j < end; j++) {
      const base = features.indices[j] * classes;
      const value = features.values[j];
      for (let k = 0; k < classes; k++) gradient[base + k] += scores[k] * value;
    }
  }

  for (let p = 0; p < biasOffset; p++) {
    const delta = prior ? params[p] - prior[p] : params[p];
    loss += 0.5 * l2 * delta * delta;
    gradient[p] += l2 * delta;
  }
  return loss;
}

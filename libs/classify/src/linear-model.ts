import { SparseVector } from './sparse';

// Local aliases: hot loops must not look up the global Math, which is slow in vm contexts (Jest).
const { exp } = Math;


// A linear multi-class model's parameters live in one flat array: feature f's weight for class k
// is at f * classes + k (the classes of one feature are adjacent, which suits sparse input),
// followed by one bias per class.

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
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = exp((scores[k] - max) / temperature);
    sum += scores[k];
  }
  for (let k = 0; k < scores.length; k++) scores[k] /= sum;
}

/**
 * Copies parameters to a larger vocabulary and/or more classes: old features and classes keep
 * their weights, new ones start at zero.
 */
export function resizeParameters(
  params: Float64Array,
  oldFeatures: number,
  oldClasses: number,
  features: number,
  classes: number,
): Float64Array {
  const out = new Float64Array(parameterCount(features, classes));
  for (let f = 0; f < oldFeatures; f++) {
    for (let k = 0; k < oldClasses; k++) out[f * classes + k] = params[f * oldClasses + k];
  }
  for (let k = 0; k < oldClasses; k++) out[features * classes + k] = params[oldFeatures * oldClasses + k];
  return out;
}

import { seededRandom } from './random';
import { SparseMatrix } from './sparse';

// Local aliases: hot loops must not look up the global Math, which is slow in vm contexts (Jest).
const { floor, max, min } = Math;


// Binary linear SVM with the squared hinge loss, trained by dual coordinate descent (Hsieh et al.,
// ICML 2008, the liblinear solver). Each step optimises one example's dual variable in closed
// form, so there is no step size to tune, and a few dozen passes suffice. The primal problem is
//   min_w  1/2 |w - w0|^2 + sum_i C_i max(0, 1 - y_i w.x_i)^2
// where x_i carries a constant bias feature and w0 is a prior (zero, or the previous model's
// weights when retraining: starting from w = w0 with all dual variables at zero is exact).

export interface SvmOptions {
  /** Inverse regularisation strength: larger C fits the training data more closely. */
  c: number;
  /** Per-example multiplier of C (class weighting). */
  exampleWeights?: Float64Array;
  maxEpochs: number;
  /** Stop when the projected-gradient spread falls below this (liblinear's eps). */
  tolerance: number;
  seed: number;
  /** Value of the constant feature that carries the bias (regularised like the weights). */
  biasFeature: number;
  /** Prior weights w0 (features then the bias feature's weight); zero when absent. */
  prior?: Float64Array;
  /** Called after each pass over the data with the pass number, weights and dual variables. */
  onEpoch?: (epoch: number, weights: Float64Array, alpha: Float64Array) => void;
}

/** Weights for the features followed by one weight for the bias feature. */
export interface BinarySvm {
  weights: Float64Array;
  epochs: number;
}

function effectiveC(options: SvmOptions, i: number): number {
  return options.c * (options.exampleWeights ? options.exampleWeights[i] : 1);
}

function margin(features: SparseMatrix, i: number, w: Float64Array, biasFeature: number): number {
  let s = w[features.columns] * biasFeature;
  for (let j = features.rowStart[i]; j < features.rowStart[i + 1]; j++) s += w[features.indices[j]] * features.values[j];
  return s;
}

/**
 * The primal objective at `w` (length columns + 1), and its gradient if `gradient` is given.
 * Used to report training progress and to test the solver.
 */
export function svmObjective(
  features: SparseMatrix,
  labels: Int8Array,
  w: Float64Array,
  options: SvmOptions,
  gradient?: Float64Array,
): number {
  let value = 0;
  gradient?.fill(0);
  for (let p = 0; p < w.length; p++) {
    const delta = w[p] - (options.prior ? options.prior[p] : 0);
    value += 0.5 * delta * delta;
    if (gradient) gradient[p] = delta;
  }
  for (let i = 0; i < features.rows; i++) {
    const slack = 1 - labels[i] * margin(features, i, w, options.biasFeature);
    if (slack <= 0) continue;
    const ci = effectiveC(options, i);
    value += ci * slack * slack;
    if (!gradient) continue;
    const g = -2 * ci * slack * labels[i];
    for (let j = features.rowStart[i]; j < features.rowStart[i + 1]; j++) gradient[features.indices[j]] += g * features.values[j];
    gradient[features.columns] += g * options.biasFeature;
  }
  return value;
}

/**
 * The dual objective that coordinate descent minimises (each step lowers it), for dual variables
 * `alpha` and the matching weights w = w0 + sum_i alpha_i y_i x_i:
 *   1/2 |w - w0|^2 + sum_i alpha_i^2 / (4 C_i) - sum_i alpha_i (1 - y_i w0.x_i).
 * At the optimum it equals minus the primal objective (no duality gap).
 */
export function svmDualObjective(
  features: SparseMatrix,
  labels: Int8Array,
  alpha: Float64Array,
  w: Float64Array,
  options: SvmOptions,
): number {
  let value = 0;
  for (let p = 0; p < w.length; p++) {
    const delta = w[p] - (options.prior ? options.prior[p] : 0);
    value += 0.5 * delta * delta;
  }
  const w0 = options.prior ?? new Float64Array(w.length);
  for (let i = 0; i < features.rows; i++) {
    value += (alpha[i] * alpha[i]) / (4 * effectiveC(options, i));
    value -= alpha[i] * (1 - labels[i] * margin(features, i, w0, options.biasFeature));
  }
  return value;
}

/** Trains one binary SVM; `labels[i]` is +1 or -1. Deterministic for a given seed. */
export function trainBinarySvm(features: SparseMatrix, labels: Int8Array, options: SvmOptions): BinarySvm {
  const n = features.rows;
  const { rowStart, indices, values, columns } = features;
  const b = options.biasFeature;
  const w = options.prior ? Float64Array.from(options.prior) : new Float64Array(columns + 1);
  const alpha = new Float64Array(n);
  const diagonal = new Float64Array(n); // 1 / (2 C_i): the squared hinge's dual diagonal term
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diagonal[i] = 0.5 / effectiveC(options, i);
    let norm = b * b;
    for (let j = rowStart[i]; j < rowStart[i + 1]; j++) norm += values[j] * values[j];
    qii[i] = norm + diagonal[i];
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  let epoch = 0;
  while (epoch < options.maxEpochs) {
    epoch++;
    for (let i = n - 1; i > 0; i--) {
      const j = floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let maxProjected = -Infinity;
    let minProjected = Infinity;
    for (let s = 0; s < n; s++) {
      const i = order[s];
      let m = w[columns] * b;
      for (let j = rowStart[i]; j < rowStart[i + 1]; j++) m += w[indices[j]] * values[j];
      const y = labels[i];
      const gradient = y * m - 1 + diagonal[i] * alpha[i];
      const projected = alpha[i] === 0 ? min(gradient, 0) : gradient;
      if (projected > maxProjected) maxProjected = projected;
      if (projected < minProjected) minProjected = projected;
      if (projected === 0) continue;
      const previous = alpha[i];
      alpha[i] = max(previous - gradient / qii[i], 0);
      const step = (alpha[i] - previous) * y;
      for (let j = rowStart[i]; j < rowStart[i + 1]; j++) w[indices[j]] += step * values[j];
      w[columns] += step * b;
    }
    options.onEpoch?.(epoch, w, alpha);
    if (maxProjected - minProjected < options.tolerance) break;
  }
  return { weights: w, epochs: epoch };
}

import { seededRandom } from './random';
import { SparseMatrix } from './sparse';

// One-vs-rest linear SVMs with the squared hinge loss, each trained by dual coordinate descent
// (Hsieh et al., ICML 2008, the liblinear solver): one pass updates one dual variable per example
// in closed form, so it needs no step size and converges in a few dozen passes. Each class's
// weight vector is contiguous, which keeps the passes cache-friendly.

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
}

/** Trains one binary SVM: `positive[i]` says whether example i is in the class. */
export function trainBinarySvm(
  features: SparseMatrix,
  positive: (i: number) => boolean,
  options: SvmOptions,
  weightsOut: Float64Array,
): { weights: Float64Array; bias: number; epochs: number } {
  const n = features.rows;
  const { rowStart, indices, values } = features;
  const w = weightsOut.fill(0);
  let bias = 0;
  const alpha = new Float64Array(n);
  const diagonal = new Float64Array(n); // 1 / (2 C_i): the squared hinge's dual diagonal term
  const qii = new Float64Array(n);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = positive(i) ? 1 : -1;
    const ci = options.c * (options.exampleWeights ? options.exampleWeights[i] : 1);
    diagonal[i] = 0.5 / ci;
    let norm = options.biasFeature * options.biasFeature;
    for (let j = rowStart[i]; j < rowStart[i + 1]; j++) norm += values[j] * values[j];
    qii[i] = norm + diagonal[i];
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  let epoch = 0;
  while (epoch < options.maxEpochs) {
    epoch++;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (let s = 0; s < n; s++) {
      const i = order[s];
      let margin = bias * options.biasFeature;
      for (let j = rowStart[i]; j < rowStart[i + 1]; j++) margin += w[indices[j]] * values[j];
      const gradient = y[i] * margin - 1 + diagonal[i] * alpha[i];
      const projected = alpha[i] === 0 ? Math.min(gradient, 0) : gradient;
      if (projected > maxPg) maxPg = projected;
      if (projected < minPg) minPg = projected;
      if (projected === 0) continue;
      const previous = alpha[i];
      alpha[i] = Math.max(previous - gradient / qii[i], 0);
      const step = (alpha[i] - previous) * y[i];
      if (step === 0) continue;
      for (let j = rowStart[i]; j < rowStart[i + 1]; j++) w[indices[j]] += step * values[j];
      bias += step * options.biasFeature;
    }
    if (maxPg - minPg < options.tolerance) break;
  }
  return { weights: w, bias: bias * options.biasFeature, epochs: epoch };
}

/**
 * Trains one SVM per class and returns parameters in the softmax layout (feature-major weights,
 * then biases), so that prediction code is shared.
 */
export function trainOneVsRestSvm(
  features: SparseMatrix,
  labels: Int32Array,
  classes: number,
  options: SvmOptions,
  onClass?: (k: number, epochs: number) => void,
): Float64Array {
  const columns = features.columns;
  const params = new Float64Array(columns * classes + classes);
  const buffer = new Float64Array(columns);
  for (let k = 0; k < classes; k++) {
    const { bias, epochs } = trainBinarySvm(features, (i) => labels[i] === k, { ...options, seed: options.seed + k }, buffer);
    for (let f = 0; f < columns; f++) params[f * classes + k] = buffer[f];
    params[columns * classes + k] = bias;
    onClass?.(k, epochs);
  }
  return params;
}

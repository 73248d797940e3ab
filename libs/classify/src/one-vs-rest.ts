import { trainBinarySvm } from './linear-svm';
import { SparseMatrix } from './sparse';

// Local aliases: hot loops must not look up the global Math, which is slow in vm contexts (Jest).
const { abs, log } = Math;


// One SVM per class against all others. Two views of the same features are combined by averaging
// their weights (so the result is still one linear model, as cheap to apply as either):
//  - the TF-IDF features as they are, and
//  - the same features scaled, per class, by the magnitude of their naive Bayes log-count ratio
//    (NBSVM, Wang & Manning 2012): terms typical of the class or of the rest count for more.
// Parameters use the layout of linear-model.ts: feature-major weights, then one bias per class.

export interface OneVsRestOptions {
  /** C of the SVMs on the plain features. */
  c: number;
  /** C of the SVMs on naive-Bayes-scaled features; 0 leaves that view out. */
  naiveBayesC: number;
  exampleWeights: Float64Array;
  maxEpochs: number;
  tolerance: number;
  seed: number;
  biasFeature: number;
  /** Warm start: the previous parameters (same layout); only the plain view is trained then. */
  prior?: Float64Array;
  onProgress?: (message: string) => void;
}

/** |log((p_k(f)/|p_k|) / (q_k(f)/|q_k|))| with p/q the smoothed document counts in/outside k. */
export function naiveBayesScales(features: SparseMatrix, labels: Int32Array, classes: number, smoothing = 1): Float32Array[] {
  const f = features.columns;
  const inClass = Array.from({ length: classes }, () => new Float64Array(f));
  const total = new Float64Array(f);
  for (let i = 0; i < features.rows; i++) {
    for (let j = features.rowStart[i]; j < features.rowStart[i + 1]; j++) {
      if (features.values[j] === 0) continue;
      inClass[labels[i]][features.indices[j]]++;
      total[features.indices[j]]++;
    }
  }
  return inClass.map((counts) => {
    let pSum = 0;
    let qSum = 0;
    for (let t = 0; t < f; t++) {
      pSum += counts[t] + smoothing;
      qSum += total[t] - counts[t] + smoothing;
    }
    return Float32Array.from(counts, (p, t) =>
      abs(log((p + smoothing) / pSum) - log((total[t] - p + smoothing) / qSum)),
    );
  });
}

export function trainOneVsRest(features: SparseMatrix, labels: Int32Array, classes: number, options: OneVsRestOptions): Float64Array {
  const columns = features.columns;
  const params = new Float64Array(columns * classes + classes);
  const useNaiveBayes = options.naiveBayesC > 0 && !options.prior;
  const scales = useNaiveBayes ? naiveBayesScales(features, labels, classes) : [];
  const scaledValues = new Float32Array(features.values.length);
  const views = useNaiveBayes ? 2 : 1;
  const common = {
    exampleWeights: options.exampleWeights,
    maxEpochs: options.maxEpochs,
    tolerance: options.tolerance,
    biasFeature: options.biasFeature,
  };
  for (let k = 0; k < classes; k++) {
    const signs = Int8Array.from(labels, (y) => (y === k ? 1 : -1));
    let prior: Float64Array | undefined;
    if (options.prior) {
      prior = new Float64Array(columns + 1);
      for (let t = 0; t < columns; t++) prior[t] = options.prior[t * classes + k];
      prior[columns] = options.prior[columns * classes + k] / options.biasFeature;
    }
    const plain = trainBinarySvm(features, signs, { ...common, c: options.c, seed: options.seed + k, prior });
    for (let t = 0; t < columns; t++) params[t * classes + k] = plain.weights[t] / views;
    params[columns * classes + k] = (plain.weights[columns] * options.biasFeature) / views;
    let message = `class ${k + 1}/${classes}: ${plain.epochs} passes`;
    if (useNaiveBayes) {
      const scale = scales[k];
      for (let j = 0; j < scaledValues.length; j++) scaledValues[j] = features.values[j] * scale[features.indices[j]];
      const scaled = trainBinarySvm({ ...features, values: scaledValues }, signs, {
        ...common,
        c: options.naiveBayesC,
        seed: options.seed + classes + k,
      });
      for (let t = 0; t < columns; t++) params[t * classes + k] += (scaled.weights[t] * scale[t]) / views;
      params[columns * classes + k] += (scaled.weights[columns] * options.biasFeature) / views;
      message += `, naive Bayes view ${scaled.epochs} passes`;
    }
    options.onProgress?.(message);
  }
  return params;
}

import { fitTemperature } from './calibration';
import { DEFAULT_FEATURE_CONFIG, FeatureConfig } from './features';
import { minimiseLbfgs } from './lbfgs';
import { seededRandom, shuffled } from './random';
import { linearScores, parameterCount, softmaxObjective, TrainingSet } from './softmax-regression';
import { selectRows, SparseMatrix, toSparseMatrix } from './sparse';
import { Vectoriser } from './vectoriser';

/** A labelled request: its text fields (in the model's column order) and its category. */
export interface Example {
  fields: readonly string[];
  label: string;
}

export interface TrainOptions {
  features?: Partial<FeatureConfig>;
  /** L2 penalty strength (the loss is a mean over examples, so this does not scale with data). */
  l2?: number;
  /** 'balanced' weighs each class inversely to its frequency, so small classes are not ignored. */
  classWeighting?: 'balanced' | 'none';
  maxIterations?: number;
  /** Share of examples held out to fit the probability temperature; 0 skips calibration. */
  calibrationFraction?: number;
  seed?: number;
  /** Names of the text columns, stored so that prediction reads the same fields. */
  textColumns?: readonly string[];
  onProgress?: (message: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS = {
  l2: 1e-4,
  classWeighting: 'balanced' as const,
  maxIterations: 150,
  calibrationFraction: 0.2,
  seed: 1,
};

export interface ModelInfo {
  seed: number;
  l2: number;
  classWeighting: 'balanced' | 'none';
  trainingExamples: number;
  iterations: number;
  createdAt: string;
  /** Set by retrain(): how many times and when the model was last updated. */
  retrainings: number;
  updatedAt?: string;
}

export interface ClassifierModel {
  labels: string[];
  textColumns: string[];
  vectoriser: Vectoriser;
  /** Softmax regression parameters: features x classes weights, then one bias per class. */
  params: Float64Array;
  /** Scores are divided by this before the softmax (temperature scaling). */
  temperature: number;
  info: ModelInfo;
}

export function exampleWeights(labels: Int32Array, classes: number, weighting: 'balanced' | 'none'): Float64Array {
  const counts = new Array<number>(classes).fill(0);
  for (const y of labels) counts[y]++;
  const present = counts.filter((c) => c > 0).length;
  return Float64Array.from(labels, (y) => (weighting === 'balanced' ? labels.length / (present * counts[y]) : 1));
}

interface FitOptions {
  classes: number;
  l2: number;
  maxIterations: number;
  start?: Float64Array;
  prior?: Float64Array;
  onProgress?: (message: string) => void;
  stage: string;
}

/** Minimises the regularised softmax loss with L-BFGS; returns the parameters and iterations. */
export function fitSoftmax(data: TrainingSet, options: FitOptions): { params: Float64Array; iterations: number } {
  const size = parameterCount(data.features.columns, options.classes);
  const objectiveOptions = { classes: options.classes, l2: options.l2, prior: options.prior };
  const result = minimiseLbfgs(
    (x, gradient) => softmaxObjective(x, data, objectiveOptions, gradient),
    options.start ?? new Float64Array(size),
    {
      maxIterations: options.maxIterations,
      tolerance: 1e-7,
      onIteration: (iteration, value) => {
        if (iteration % 25 === 0) options.onProgress?.(`${options.stage}: iteration ${iteration}, loss ${value.toFixed(5)}`);
      },
    },
  );
  return { params: result.x, iterations: result.iterations };
}

/** Per class, the first `fraction` of its examples in seeded random order. */
function stratifiedHoldout(labels: Int32Array, fraction: number, seed: number): { train: number[]; holdout: number[] } {
  const order = shuffled(
    Array.from(labels, (_, i) => i),
    seededRandom(seed),
  );
  const taken = new Map<number, number>();
  const totals = new Map<number, number>();
  for (const y of labels) totals.set(y, (totals.get(y) ?? 0) + 1);
  const train: number[] = [];
  const holdout: number[] = [];
  for (const i of order) {
    const y = labels[i];
    const quota = Math.floor((totals.get(y) ?? 0) * fraction);
    if ((taken.get(y) ?? 0) < quota) {
      taken.set(y, (taken.get(y) ?? 0) + 1);
      holdout.push(i);
    } else train.push(i);
  }
  return { train: train.sort((a, b) => a - b), holdout: holdout.sort((a, b) => a - b) };
}

function subset(data: TrainingSet, rows: number[], weighting: 'balanced' | 'none', classes: number): TrainingSet {
  const labels = Int32Array.from(rows, (r) => data.labels[r]);
  return { features: selectRows(data.features, rows), labels, exampleWeights: exampleWeights(labels, classes, weighting) };
}

function scoresOf(params: Float64Array, classes: number, features: SparseMatrix, rows: number[]): Float64Array[] {
  return rows.map((r) => {
    const out = new Float64Array(classes);
    const start = features.rowStart[r];
    const end = features.rowStart[r + 1];
    linearScores(params, classes, { indices: features.indices.subarray(start, end), values: features.values.subarray(start, end) }, out);
    return out;
  });
}

/** Trains a classifier from scratch. Deterministic for a given seed and example order. */
export function train(examples: readonly Example[], options: TrainOptions = {}): ClassifierModel {
  if (examples.length === 0) throw new Error('no training examples');
  const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, ...options.features };
  const { l2, classWeighting, maxIterations, calibrationFraction, seed } = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const progress = options.onProgress;
  const labelNames = [...new Set(examples.map((e) => e.label))].sort();
  const classes = labelNames.length;
  const labelIndex = new Map(labelNames.map((l, i) => [l, i]));
  const documents = examples.map((e) => e.fields);

  progress?.(`extracting features from ${examples.length} examples`);
  const vectoriser = Vectoriser.fit(documents, config);
  const features = toSparseMatrix(
    documents.map((d) => vectoriser.transform(d)),
    vectoriser.size,
  );
  progress?.(`vocabulary: ${vectoriser.size} terms, ${features.indices.length} non-zeros`);
  const labels = Int32Array.from(examples, (e) => labelIndex.get(e.label) ?? 0);
  const all: TrainingSet = { features, labels, exampleWeights: exampleWeights(labels, classes, classWeighting) };

  let temperature = 1;
  let start: Float64Array | undefined;
  let iterations = 0;
  const split = calibrationFraction > 0 && classes > 1 ? stratifiedHoldout(labels, calibrationFraction, seed) : undefined;
  if (split && split.holdout.length > 0) {
    // Fit on part of the data and calibrate on the rest; the final fit on all data starts from
    // these parameters, so it needs few iterations.
    const partial = fitSoftmax(subset(all, split.train, classWeighting, classes), {
      classes, l2, maxIterations, onProgress: progress, stage: 'calibration fit',
    });
    temperature = fitTemperature(scoresOf(partial.params, classes, features, split.holdout), Int32Array.from(split.holdout, (r) => labels[r]));
    progress?.(`temperature ${temperature.toFixed(3)} from ${split.holdout.length} held-out examples`);
    start = partial.params;
    iterations += partial.iterations;
  }
  const final = fitSoftmax(all, { classes, l2, maxIterations, start, onProgress: progress, stage: 'final fit' });
  iterations += final.iterations;
  return {
    labels: labelNames,
    textColumns: [...(options.textColumns ?? documents[0].map((_, i) => `field${i + 1}`))],
    vectoriser,
    params: final.params,
    temperature,
    info: {
      seed, l2, classWeighting, iterations,
      trainingExamples: examples.length,
      createdAt: new Date().toISOString(),
      retrainings: 0,
    },
  };
}

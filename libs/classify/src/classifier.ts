import { fitTemperature } from './calibration';
import { DEFAULT_FEATURE_CONFIG, FeatureConfig } from './features';
import { linearScores } from './linear-model';
import { trainOneVsRest } from './one-vs-rest';
import { seededRandom, shuffled } from './random';
import { matrixRow, selectRows, SparseMatrix, toSparseMatrix } from './sparse';
import { Vectoriser } from './vectoriser';

/** A labelled request: its text fields (in the model's column order) and its category. */
export interface Example {
  fields: readonly string[];
  label: string;
}

export type ClassWeighting = 'balanced' | 'none';

export interface TrainOptions {
  features?: Partial<FeatureConfig>;
  /** SVM C on the plain TF-IDF view (larger = less regularisation). */
  c?: number;
  /** SVM C on the naive-Bayes-scaled view; 0 leaves the view out. */
  naiveBayesC?: number;
  /** 'balanced' weighs each class inversely to its frequency, so small classes are not ignored. */
  classWeighting?: ClassWeighting;
  /** Most passes of the coordinate descent solver per SVM. */
  maxEpochs?: number;
  /** Share of examples held out to fit the probability temperature; 0 skips calibration. */
  calibrationFraction?: number;
  seed?: number;
  /** Names of the text columns, stored so that prediction reads the same fields. */
  textColumns?: readonly string[];
  /** Name of the label column, stored so that evaluation can default to it. */
  labelColumn?: string;
  onProgress?: (message: string) => void;
}

/** Chosen by 5-fold cross-validation on the 12345 training messages (see README). */
export const DEFAULT_TRAIN_OPTIONS = {
  c: 1,
  naiveBayesC: 3,
  classWeighting: 'balanced' as ClassWeighting,
  maxEpochs: 50,
  calibrationFraction: 0.2,
  seed: 1,
};

const SOLVER = { tolerance: 0.1, biasFeature: 1 };

export interface ModelInfo {
  seed: number;
  c: number;
  naiveBayesC: number;
  classWeighting: ClassWeighting;
  labelColumn?: string;
  trainingExamples: number;
  createdAt: string;
  /** How many times retrain() updated the model, and when it last did. */
  retrainings: number;
  updatedAt?: string;
}

export interface ClassifierModel {
  labels: string[];
  textColumns: string[];
  vectoriser: Vectoriser;
  /** Linear model parameters (see linear-model.ts): features x classes weights, then biases. */
  params: Float64Array;
  /** Scores are divided by this before the softmax (temperature scaling). */
  temperature: number;
  info: ModelInfo;
}

export function exampleWeights(labels: Int32Array, classes: number, weighting: ClassWeighting): Float64Array {
  const counts = new Array<number>(classes).fill(0);
  for (const y of labels) counts[y]++;
  const present = counts.filter((c) => c > 0).length;
  return Float64Array.from(labels, (y) => (weighting === 'balanced' ? labels.length / (present * counts[y]) : 1));
}

/** Per class, the first `fraction` of its examples in seeded random order. */
export function stratifiedHoldout(labels: Int32Array, fraction: number, seed: number): { train: number[]; holdout: number[] } {
  const totals = new Map<number, number>();
  for (const y of labels) totals.set(y, (totals.get(y) ?? 0) + 1);
  const taken = new Map<number, number>();
  const train: number[] = [];
  const holdout: number[] = [];
  for (const i of shuffled(Array.from(labels.keys()), seededRandom(seed))) {
    const y = labels[i];
    if ((taken.get(y) ?? 0) < Math.floor((totals.get(y) ?? 0) * fraction)) {
      taken.set(y, (taken.get(y) ?? 0) + 1);
      holdout.push(i);
    } else train.push(i);
  }
  return { train: train.sort((a, b) => a - b), holdout: holdout.sort((a, b) => a - b) };
}

export function scoreRows(params: Float64Array, classes: number, features: SparseMatrix, rows: readonly number[]): Float64Array[] {
  return rows.map((r) => {
    const out = new Float64Array(classes);
    linearScores(params, classes, matrixRow(features, r), out);
    return out;
  });
}

type Settings = typeof DEFAULT_TRAIN_OPTIONS;

function fit(features: SparseMatrix, labels: Int32Array, classes: number, settings: Settings, progress?: (m: string) => void, prior?: Float64Array): Float64Array {
  return trainOneVsRest(features, labels, classes, {
    ...SOLVER,
    c: settings.c,
    naiveBayesC: settings.naiveBayesC,
    exampleWeights: exampleWeights(labels, classes, settings.classWeighting),
    maxEpochs: settings.maxEpochs,
    seed: settings.seed,
    prior,
    onProgress: progress,
  });
}

/** Trains a classifier from scratch. Deterministic for a given seed and example order. */
export function train(examples: readonly Example[], options: TrainOptions = {}): ClassifierModel {
  if (examples.length === 0) throw new Error('no training examples');
  const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, ...options.features };
  const settings: Settings = { ...DEFAULT_TRAIN_OPTIONS, ...definedOnly(options) };
  const progress = options.onProgress;
  const labelNames = [...new Set(examples.map((e) => e.label))].sort();
  const classes = labelNames.length;
  const labelIndex = new Map(labelNames.map((l, i) => [l, i]));
  const documents = examples.map((e) => e.fields);

  progress?.(`extracting character n-grams from ${examples.length} examples`);
  const vectoriser = Vectoriser.fit(documents, config);
  const features = toSparseMatrix(
    documents.map((d) => vectoriser.transform(d)),
    vectoriser.size,
  );
  progress?.(`vocabulary: ${vectoriser.size} terms; ${features.indices.length} non-zero features`);
  const labels = Int32Array.from(examples, (e) => labelIndex.get(e.label) ?? 0);

  let temperature = 1;
  const split = settings.calibrationFraction > 0 && classes > 1 ? stratifiedHoldout(labels, settings.calibrationFraction, settings.seed) : undefined;
  if (split && split.holdout.length > 0 && split.train.length > 0) {
    // Calibrate on examples the model has not seen: fit on the rest, then refit on everything.
    progress?.(`calibration: training on ${split.train.length}, holding out ${split.holdout.length}`);
    const trainLabels = Int32Array.from(split.train, (r) => labels[r]);
    const partial = fit(selectRows(features, split.train), trainLabels, classes, settings, progress);
    const holdoutLabels = Int32Array.from(split.holdout, (r) => labels[r]);
    temperature = fitTemperature(scoreRows(partial, classes, features, split.holdout), holdoutLabels);
    progress?.(`calibration: temperature ${temperature.toFixed(4)}`);
  }
  progress?.(`training on all ${examples.length} examples`);
  const params = fit(features, labels, classes, settings, progress);
  return {
    labels: labelNames,
    textColumns: [...(options.textColumns ?? documents[0].map((_, i) => `field${i + 1}`))],
    vectoriser,
    params,
    temperature,
    info: {
      seed: settings.seed,
      c: settings.c,
      naiveBayesC: settings.naiveBayesC,
      classWeighting: settings.classWeighting,
      labelColumn: options.labelColumn,
      trainingExamples: examples.length,
      createdAt: new Date().toISOString(),
      retrainings: 0,
    },
  };
}

/** The options that were given (undefined values must not override the defaults). */
export function definedOnly(options: TrainOptions): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_TRAIN_OPTIONS)) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as Partial<Settings>;
}

export { fit as fitOneVsRest };

import { DEFAULT_FEATURE_CONFIG, deserialiseModel, Example, predict, serialiseModel, train, Vectoriser, type ClassifierModel } from '@hotline/classify';
import type { ClassificationSettings } from './classification-config';
import { HoldoutFigures, holdoutFigures, LabelledText, learntCategories, pathOf, splitByTime } from './training-plan';

/** The text fields a model reads, in this order (the title is libs/classify's lead field). */
export const MODEL_TEXT_COLUMNS = ['title', 'content'] as const;

/** What a training thread is given: plain data only (it crosses a thread boundary). */
export interface TrainingJob {
  train: Example[];
  holdout: Array<{ fields: string[] }>;
  /** Per held-back request: its confirmed category's path, level 1 down to the code. */
  holdoutPaths: string[][];
  /** The active model's file, judged on the same held-back requests. */
  activeModel?: Uint8Array;
  maxModelWeights: number;
  seed: number;
}

export interface TrainingResult {
  model: Uint8Array;
  categoryCodes: string[];
  terms: number;
  minDf: number;
  candidate: HoldoutFigures;
  active?: HoldoutFigures;
  milliseconds: number;
}

const MAX_MIN_DF = 64;
/** Fixed, so that the same history trains the same model (libs/classify is deterministic given its seed). */
const TRAINING_SEED = 1;

/** The thread's job: the split by time, rare categories learnt as their parents, the held-back requests' paths. */
export function trainingJobOf(
  examples: readonly LabelledText[],
  tree: ReadonlyMap<string, { parentCode: string | null }>,
  settings: Pick<ClassificationSettings, 'holdoutFraction' | 'minExamplesPerCategory' | 'maxModelWeights'>,
  activeModel?: Uint8Array,
): TrainingJob {
  const { train, holdout } = splitByTime(examples, settings.holdoutFraction);
  const parents = new Map([...tree].map(([code, node]) => [code, node.parentCode]));
  const learnt = learntCategories(
    train.map((e) => e.categoryCode),
    parents,
    settings.minExamplesPerCategory,
  );
  return {
    train: train.map((e) => ({ fields: [e.title, e.content], label: learnt.get(e.categoryCode) ?? e.categoryCode })),
    holdout: holdout.map((e) => ({ fields: [e.title, e.content] })),
    holdoutPaths: holdout.map((e) => (tree.has(e.categoryCode) ? pathOf(tree, e.categoryCode) : [e.categoryCode])),
    activeModel,
    maxModelWeights: settings.maxModelWeights,
    seed: TRAINING_SEED,
  };
}


/**
 * The smallest document-frequency floor (2, 4, 8, …) that keeps terms × categories within the
 * budget: the weights are a dense terms × categories matrix, so a tenant with many leaf
 * categories gets a smaller vocabulary rather than a model that does not fit in memory.
 */
function minDfWithin(documents: string[][], categories: number, budget: number): number {
  let minDf = DEFAULT_FEATURE_CONFIG.minDf;
  while (minDf < MAX_MIN_DF && Vectoriser.fit(documents, { ...DEFAULT_FEATURE_CONFIG, minDf }).size * categories > budget) minDf *= 2;
  return minDf;
}

function judge(model: ClassifierModel, job: TrainingJob): HoldoutFigures {
  const ranked = job.holdout.map((h) => predict(model, h.fields, { topK: 3 }).suggestions.map((s) => s.label));
  return holdoutFigures(ranked, job.holdoutPaths);
}

/** Trains the candidate on the training part and judges it, and the active model, on the held-back part. CPU-bound: run it off the event loop. */
export function runTrainingJob(job: TrainingJob): TrainingResult {
  const started = performance.now();
  const categories = new Set(job.train.map((e) => e.label)).size;
  const minDf = minDfWithin(
    job.train.map((e) => [...e.fields]),
    categories,
    job.maxModelWeights,
  );
  const model = train(job.train, { textColumns: [...MODEL_TEXT_COLUMNS], labelColumn: 'categoryCode', seed: job.seed, features: { minDf } });
  const candidate = judge(model, job);
  const active = job.activeModel ? judge(deserialiseModel(Buffer.from(job.activeModel)), job) : undefined;
  return {
    model: new Uint8Array(serialiseModel(model)),
    categoryCodes: model.labels,
    terms: model.vectoriser.size,
    minDf,
    candidate,
    active,
    milliseconds: Math.round(performance.now() - started),
  };
}

import { ClassifierModel, DEFAULT_TRAIN_OPTIONS, Example, fitOneVsRest } from './classifier';
import { resizeParameters } from './linear-model';
import { toSparseMatrix } from './sparse';

export interface RetrainOptions {
  /** SVM C for the update; the pull towards the previous weights has strength 1. */
  c?: number;
  maxEpochs?: number;
  seed?: number;
  /**
   * Earlier examples to train on again alongside the new ones (optional). Without them the
   * previous weights act as the prior that keeps what the model already knew.
   */
  replay?: readonly Example[];
  onProgress?: (message: string) => void;
}

/**
 * Incremental retraining on a tenant's newly confirmed classifications. Warm-starts from the
 * model: the vocabulary is extended with the new examples' n-grams (existing features keep their
 * index), unseen labels are added as new classes, and each class's SVM is trained on the new
 * examples with its previous weights as the prior, i.e. minimising
 *   1/2 |w - w_previous|^2 + C * (squared hinge losses on the new examples).
 * The naive Bayes view is not refitted (its weights are already folded into w_previous), and the
 * probability temperature is kept.
 */
export function retrain(model: ClassifierModel, examples: readonly Example[], options: RetrainOptions = {}): ClassifierModel {
  if (examples.length === 0) return model;
  const progress = options.onProgress;
  const labels = [...model.labels];
  for (const e of examples) if (!labels.includes(e.label)) labels.push(e.label);
  const vectoriser = model.vectoriser.extend(examples.map((e) => e.fields));
  progress?.(`vocabulary extended from ${model.vectoriser.size} to ${vectoriser.size} terms; ${labels.length - model.labels.length} new labels`);
  const prior = resizeParameters(model.params, model.vectoriser.size, model.labels.length, vectoriser.size, labels.length);

  const all = [...(options.replay ?? []), ...examples];
  const features = toSparseMatrix(
    all.map((e) => vectoriser.transform(e.fields)),
    vectoriser.size,
  );
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const classes = Int32Array.from(all, (e) => labelIndex.get(e.label) ?? 0);
  const settings = {
    ...DEFAULT_TRAIN_OPTIONS,
    c: options.c ?? model.info.c,
    naiveBayesC: 0,
    classWeighting: model.info.classWeighting,
    maxEpochs: options.maxEpochs ?? DEFAULT_TRAIN_OPTIONS.maxEpochs,
    seed: options.seed ?? model.info.seed,
  };
  const params = fitOneVsRest(features, classes, labels.length, settings, progress, prior);
  return {
    ...model,
    labels,
    vectoriser,
    params,
    info: {
      ...model.info,
      trainingExamples: model.info.trainingExamples + examples.length,
      retrainings: model.info.retrainings + 1,
      updatedAt: new Date().toISOString(),
    },
  };
}

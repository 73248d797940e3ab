import { ClassifierModel, Example, stratifiedHoldout, train, TrainOptions } from './classifier';
import { stratifiedGroupFolds } from './folds';
import { evaluate, Evaluation } from './metrics';
import { nearDuplicateGroups } from './near-duplicates';
import { probabilitiesOf, rankClasses } from './predict';

export interface FoldResult {
  fold: number;
  trainSize: number;
  evaluation: Evaluation;
  trainSeconds: number;
  msPerMessage: number;
}

export interface CrossValidationResult {
  groups: number;
  /** Share of each training fold that was used (1 unless a learning curve was asked for). */
  trainFraction: number;
  folds: FoldResult[];
  /** Unweighted means of the per-fold figures. */
  mean: { macroF1: number; accuracy: number; top3Accuracy: number; msPerMessage: number; trainSeconds: number };
  /** All out-of-fold predictions scored together. */
  pooled: Evaluation;
}

export class UnknownLabelError extends Error {
  constructor(
    readonly label: string,
    readonly row: number,
  ) {
    super(`unknown label "${label}" in row ${row}`);
    this.name = 'UnknownLabelError';
  }
}

/**
 * Scores a model on labelled examples. Also returns each example's ranked label names, and the
 * prediction time per message (features plus scoring, single-threaded).
 */
export function evaluateModel(
  model: ClassifierModel,
  examples: readonly Example[],
): { evaluation: Evaluation; msPerMessage: number; ranked: string[][] } {
  const labelIndex = new Map(model.labels.map((l, i) => [l, i]));
  const gold = examples.map((e, row) => {
    const index = labelIndex.get(e.label);
    if (index === undefined) throw new UnknownLabelError(e.label, row + 1);
    return index;
  });
  const started = performance.now();
  const ranked = examples.map((e) => rankClasses(probabilitiesOf(model, model.vectoriser.transform(e.fields))));
  const msPerMessage = (performance.now() - started) / (examples.length || 1);
  return {
    evaluation: evaluate(model.labels, gold, ranked),
    msPerMessage,
    ranked: ranked.map((r) => r.map((k) => model.labels[k])),
  };
}

/**
 * Stratified k-fold cross-validation in which near-duplicate messages (see near-duplicates.ts)
 * always share a fold, so no message is scored against a copy of itself. With `trainFraction`
 * below 1, each model is trained on that (stratified, seeded) share of its training folds only,
 * while the test folds stay whole: one point of a learning curve.
 */
export function crossValidate(
  examples: readonly Example[],
  folds: number,
  seed: number,
  options: TrainOptions = {},
  onFold?: (result: FoldResult) => void,
  trainFraction = 1,
): CrossValidationResult {
  if (!(trainFraction > 0 && trainFraction <= 1)) throw new RangeError('trainFraction must be in (0, 1]');
  const labelNames = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labelNames.map((l, i) => [l, i]));
  const labels = Int32Array.from(examples, (e) => labelIndex.get(e.label) ?? 0);
  const groups = nearDuplicateGroups(examples.map((e) => e.fields));
  const assignment = stratifiedGroupFolds(labels, groups, folds, seed);
  const results: FoldResult[] = [];
  const pooledRanked: number[][] = new Array(examples.length);
  for (let fold = 0; fold < folds; fold++) {
    const testRows = examples.map((_, i) => i).filter((i) => assignment[i] === fold);
    let trainRows = examples.map((_, i) => i).filter((i) => assignment[i] !== fold);
    if (trainFraction < 1) {
      // Learning curve: a stratified, seeded share of the training rows, in their original order.
      const kept = stratifiedHoldout(Int32Array.from(trainRows, (i) => labels[i]), 1 - trainFraction, seed).train;
      trainRows = kept.map((j) => trainRows[j]);
    }
    const trainSet = trainRows.map((i) => examples[i]);
    const testSet = testRows.map((i) => examples[i]);
    options.onProgress?.(`fold ${fold + 1}/${folds}: training on ${trainSet.length}, testing on ${testSet.length}`);
    const started = performance.now();
    const model = train(trainSet, { ...options, seed });
    const trainSeconds = (performance.now() - started) / 1000;
    const { evaluation, msPerMessage, ranked } = evaluateModel(model, testSet);
    testRows.forEach((row, j) => (pooledRanked[row] = ranked[j].map((l) => labelIndex.get(l) ?? 0)));
    const result = { fold: fold + 1, trainSize: trainSet.length, evaluation, trainSeconds, msPerMessage };
    results.push(result);
    onFold?.(result);
  }
  const mean = (pick: (r: FoldResult) => number) => results.reduce((a, r) => a + pick(r), 0) / results.length;
  return {
    groups: new Set(groups).size,
    trainFraction,
    folds: results,
    mean: {
      macroF1: mean((r) => r.evaluation.macroF1),
      accuracy: mean((r) => r.evaluation.accuracy),
      top3Accuracy: mean((r) => r.evaluation.top3Accuracy),
      msPerMessage: mean((r) => r.msPerMessage),
      trainSeconds: mean((r) => r.trainSeconds),
    },
    pooled: evaluate(labelNames, labels, pooledRanked),
  };
}

import { ClassifierModel, Example, train, TrainOptions } from './classifier';
import { evaluate, Evaluation } from './metrics';
import { nearDuplicateGroups } from './near-duplicates';
import { stratifiedGroupFolds } from './folds';
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
  folds: FoldResult[];
  mean: { macroF1: number; accuracy: number; top3Accuracy: number; msPerMessage: number; trainSeconds: number };
}

/** Scores a model on labelled examples, timing prediction (features + scoring) per message. */
export function evaluateModel(model: ClassifierModel, examples: readonly Example[]): { evaluation: Evaluation; msPerMessage: number } {
  const labelIndex = new Map(model.labels.map((l, i) => [l, i]));
  const started = performance.now();
  const ranked = examples.map((e) => rankClasses(probabilitiesOf(model, model.vectoriser.transform(e.fields))));
  const msPerMessage = (performance.now() - started) / (examples.length || 1);
  const gold = examples.map((e) => {
    const index = labelIndex.get(e.label);
    if (index === undefined) throw new Error(`unknown label "${e.label}"`);
    return index;
  });
  return { evaluation: evaluate(model.labels, gold, ranked), msPerMessage };
}

/** Stratified k-fold with near-duplicates kept in one fold; trains and scores each fold. */
export function crossValidate(
  examples: readonly Example[],
  folds: number,
  seed: number,
  options: TrainOptions = {},
  onFold?: (result: FoldResult) => void,
): CrossValidationResult {
  const labelNames = [...new Set(examples.map((e) => e.label))].sort();
  const labels = Int32Array.from(examples, (e) => labelNames.indexOf(e.label));
  const groups = nearDuplicateGroups(examples.map((e) => e.fields));
  const assignment = stratifiedGroupFolds(labels, groups, folds, seed);
  const results: FoldResult[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const trainSet = examples.filter((_, i) => assignment[i] !== fold);
    const testSet = examples.filter((_, i) => assignment[i] === fold);
    options.onProgress?.(`fold ${fold + 1}/${folds}: training on ${trainSet.length}, testing on ${testSet.length}`);
    const started = performance.now();
    const model = train(trainSet, { ...options, seed });
    const trainSeconds = (performance.now() - started) / 1000;
    const { evaluation, msPerMessage } = evaluateModel(model, testSet);
    const result = { fold: fold + 1, trainSize: trainSet.length, evaluation, trainSeconds, msPerMessage };
    results.push(result);
    onFold?.(result);
  }
  const mean = (pick: (r: FoldResult) => number) => results.reduce((a, r) => a + pick(r), 0) / results.length;
  return {
    groups: new Set(groups).size,
    folds: results,
    mean: {
      macroF1: mean((r) => r.evaluation.macroF1),
      accuracy: mean((r) => r.evaluation.accuracy),
      top3Accuracy: mean((r) => r.evaluation.top3Accuracy),
      msPerMessage: mean((r) => r.msPerMessage),
      trainSeconds: mean((r) => r.trainSeconds),
    },
  };
}

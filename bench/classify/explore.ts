// Model exploration on cached per-fold features:
// node -r ./libs/classify/bin/register-ts.js bench/classify/explore.ts '<feature config json>' '<model list json>'
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_FEATURE_CONFIG, evaluate, examplesOf, exampleWeights, fitSoftmax, nearDuplicateGroups, rankClasses, stratifiedGroupFolds, tableFromCsv, Vectoriser } from '../../libs/classify/src';
import { trainOneVsRestSvm } from '../../libs/classify/src/linear-svm';
import { linearScores } from '../../libs/classify/src/softmax-regression';
import { toSparseMatrix } from '../../libs/classify/src/sparse';

const file = path.resolve(__dirname, '../..', '../shared/data/messages-labelled-train.csv');
const examples = examplesOf(tableFromCsv(fs.readFileSync(file, 'utf8'), file), ['title', 'body'], 'category_l1', file);
const config = { ...DEFAULT_FEATURE_CONFIG, ...JSON.parse(process.argv[2] ?? '{}') };
const models = JSON.parse(process.argv[3] ?? '[{"type":"svm","c":1}]') as { type: string; c?: number; l2?: number; w?: string; it?: number }[];
const foldsWanted = Number(process.env.FOLDS ?? 5);
const names = [...new Set(examples.map((e) => e.label))].sort();
const labels = Int32Array.from(examples, (e) => names.indexOf(e.label));
const assignment = stratifiedGroupFolds(labels, nearDuplicateGroups(examples.map((e) => e.fields)), 5, 1);
const K = names.length;
const results = models.map(() => [] as number[][]);
for (let fold = 0; fold < foldsWanted; fold++) {
  const tr = examples.map((_, i) => i).filter((i) => assignment[i] !== fold);
  const te = examples.map((_, i) => i).filter((i) => assignment[i] === fold);
  let t = performance.now();
  const v = Vectoriser.fit(tr.map((i) => examples[i].fields), config);
  const X = toSparseMatrix(tr.map((i) => v.transform(examples[i].fields)), v.size);
  const Xt = te.map((i) => v.transform(examples[i].fields));
  const y = Int32Array.from(tr, (i) => labels[i]);
  const featSec = (performance.now() - t) / 1000;
  models.forEach((m, mi) => {
    t = performance.now();
    const weights = exampleWeights(y, K, (m.w ?? 'balanced') as 'balanced' | 'none');
    const params = m.type === 'svm'
      ? trainOneVsRestSvm(X, y, K, { c: m.c ?? 1, exampleWeights: weights, maxEpochs: m.it ?? 50, tolerance: 0.1, seed: 1, biasFeature: 1 })
      : fitSoftmax({ features: X, labels: y, exampleWeights: weights }, { classes: K, l2: m.l2 ?? 1e-4, maxIterations: m.it ?? 150, stage: '' }).params;
    const sec = (performance.now() - t) / 1000;
    const ranked = Xt.map((x) => { const s = new Float64Array(K); linearScores(params, K, x, s); return rankClasses(s); });
    const ev = evaluate(names, te.map((i) => labels[i]), ranked);
    results[mi].push([ev.macroF1, ev.accuracy, ev.top3Accuracy, sec, featSec]);
  });
}
models.forEach((m, mi) => {
  const mean = (c: number) => (results[mi].reduce((a, r) => a + r[c], 0) / results[mi].length).toFixed(4);
  console.log(`${JSON.stringify(config)} ${JSON.stringify(m)} F1=${mean(0)} acc=${mean(1)} top3=${mean(2)} fit=${mean(3)}s feat=${mean(4)}s`);
});

// Hyperparameter exploration: `node -r ./libs/classify/bin/register-ts.js bench/classify/experiment.ts '{"l2":1e-4}'`
import * as fs from 'fs';
import * as path from 'path';
import { crossValidate, examplesOf, tableFromCsv, TrainOptions } from '../../libs/classify/src';

const file = path.resolve(__dirname, '../..', '../shared/data/messages-labelled-train.csv');
const options = JSON.parse(process.argv[2] ?? '{}') as TrainOptions & { folds?: number; seed?: number; limit?: number };
let examples = examplesOf(tableFromCsv(fs.readFileSync(file, 'utf8'), file), ['title', 'body'], 'category_l1', file);
if (options.limit) examples = examples.slice(0, options.limit);
const result = crossValidate(examples, options.folds ?? 5, options.seed ?? 1, { ...options, onProgress: process.env.VERBOSE ? (m) => console.error(m) : undefined }, (r) =>
  console.error(`fold ${r.fold}: macroF1 ${r.evaluation.macroF1.toFixed(4)} acc ${r.evaluation.accuracy.toFixed(4)} top3 ${r.evaluation.top3Accuracy.toFixed(4)} train ${r.trainSeconds.toFixed(1)}s ${r.msPerMessage.toFixed(3)}ms/msg`),
);
const m = result.mean;
console.log(`${process.argv[2] ?? '{}'} groups=${result.groups} macroF1=${m.macroF1.toFixed(4)} acc=${m.accuracy.toFixed(4)} top3=${m.top3Accuracy.toFixed(4)} train=${m.trainSeconds.toFixed(1)}s ms/msg=${m.msPerMessage.toFixed(3)}`);

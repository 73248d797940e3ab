// Training time, model size and prediction latency on all 5,391 labelled messages:
//   node -r ./libs/classify/bin/register-ts.js bench/classify/benchmark.ts
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { examplesOf, predict, serialiseModel, tableFromCsv, train } from '../../libs/classify/src';

const file = path.resolve(__dirname, '../..', '../shared/data/messages-labelled-train.csv');
const examples = examplesOf(tableFromCsv(fs.readFileSync(file, 'utf8'), file), ['title', 'body'], 'category_l1', file);

let started = performance.now();
const model = train(examples, { textColumns: ['title', 'body'], labelColumn: 'category_l1' });
const trainSeconds = (performance.now() - started) / 1000;
const bytes = serialiseModel(model).length;

// Warm up, then time top-3 prediction of every message one by one, as intake would call it.
for (const e of examples.slice(0, 200)) predict(model, e.fields);
const latencies: number[] = [];
for (const e of examples) {
  started = performance.now();
  predict(model, e.fields, { topK: 3 });
  latencies.push(performance.now() - started);
}
latencies.sort((a, b) => a - b);
const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
const p99 = latencies[Math.floor(latencies.length * 0.99)];
console.log(`training on ${examples.length} messages: ${trainSeconds.toFixed(1)} s`);
console.log(`model: ${model.vectoriser.size} terms x ${model.labels.length} labels, ${(bytes / 1048576).toFixed(2)} MB`);
console.log(`prediction (top-3): mean ${mean.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${latencies[latencies.length - 1].toFixed(3)} ms per message`);

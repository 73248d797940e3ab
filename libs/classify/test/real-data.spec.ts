import * as fs from 'fs';
import * as path from 'path';
import { evaluateModel, examplesOf, nearDuplicateGroups, predict, tableFromCsv, train } from '../src';

// The 12345 training messages live outside the repository (never copied into it).
const DATA = path.resolve(__dirname, '../../..', '../shared/data/messages-labelled-train.csv');

describe('on the labelled 12345 messages (a quick subset)', () => {
  const examples = examplesOf(tableFromCsv(fs.readFileSync(DATA, 'utf8'), DATA), ['title', 'body'], 'category_l1', DATA);

  it('reads all 5,391 rows and 7 classes', () => {
    expect(examples).toHaveLength(5391);
    expect(new Set(examples.map((e) => e.label)).size).toBe(7);
  });

  it('trains on 2,000 messages and classifies 500 unseen ones well and fast', () => {
    const subset = examples.slice(0, 2500);
    // Hold out every fifth message, and its near-duplicates, so the test set is unseen.
    const groups = nearDuplicateGroups(subset.map((e) => e.fields));
    const heldOutGroups = new Set(subset.map((_, i) => groups[i]).filter((_, i) => i % 5 === 0));
    const trainSet = subset.filter((_, i) => !heldOutGroups.has(groups[i]));
    const testSet = subset.filter((_, i) => heldOutGroups.has(groups[i]));
    const model = train(trainSet, { textColumns: ['title', 'body'] });
    const { evaluation, msPerMessage } = evaluateModel(model, testSet);
    expect(evaluation.macroF1).toBeGreaterThan(0.85);
    expect(evaluation.top3Accuracy).toBeGreaterThan(0.98);
    expect(msPerMessage).toBeLessThan(5);
    const p = predict(model, { title: '小区垃圾无人清理', body: '' }, { explain: 2 });
    expect(p.suggestions.map((s) => s.label)).toContain('城乡建设');
    expect(p.explanation.length).toBeGreaterThan(0);
  }, 60_000);
});

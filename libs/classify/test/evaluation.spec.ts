import { evaluate, nearDuplicateGroups, stratifiedGroupFolds } from '../src';

describe('evaluate', () => {
  it('computes accuracy, top-3 accuracy, per-class and macro F1 and the confusion matrix', () => {
    const labels = ['a', 'b', 'c', 'd'];
    const gold = [0, 0, 1, 1, 2, 3];
    const ranked = [
      [0, 1, 2, 3],
      [1, 0, 2, 3],
      [1, 2, 0, 3],
      [1, 0, 2, 3],
      [2, 0, 1, 3],
      [0, 1, 2, 3], // d not in the top 3
    ];
    const e = evaluate(labels, gold, ranked);
    expect(e.accuracy).toBeCloseTo(4 / 6);
    expect(e.top3Accuracy).toBeCloseTo(5 / 6);
    expect(e.confusion).toEqual([
      [1, 1, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 1, 0],
      [1, 0, 0, 0],
    ]);
    // a: P 1/2 R 1/2; b: P 2/3 R 1; c: 1; d: 0.
    const f1 = [0.5, 0.8, 1, 0];
    e.perClass.forEach((c, i) => expect(c.f1).toBeCloseTo(f1[i]));
    expect(e.macroF1).toBeCloseTo((0.5 + 0.8 + 1 + 0) / 4);
  });
});

describe('nearDuplicateGroups', () => {
  const body = '小区门口的路灯已经坏了三个月，晚上出行非常不便，多次向物业反映没有结果，希望有关部门尽快派人维修';
  const documents = [
    ['', body],
    ['', body.replace(/，/g, ' , ')], // same text, other punctuation and spacing
    ['', body.replace('三个月', '两个月').replace('尽快', '赶紧')], // a re-post with small edits
    ['学校食堂卫生太差了', '食堂的饭菜里有头发'],
    ['学校食堂卫生太差了', '再次反映：饭菜质量没有改善'], // same title
    ['', '公交车班次太少，等车要一个小时'],
    ['噪音', '工地夜间施工'],
    ['噪音', '广场舞音响太吵'], // short titles do not group
  ];
  const groups = nearDuplicateGroups(documents);

  it('groups equal texts, long equal titles and near-identical re-posts', () => {
    expect(groups[1]).toBe(groups[0]);
    expect(groups[2]).toBe(groups[0]);
    expect(groups[4]).toBe(groups[3]);
  });

  it('keeps different messages apart', () => {
    expect(new Set([groups[0], groups[3], groups[5], groups[6], groups[7]]).size).toBe(5);
  });
});

describe('stratifiedGroupFolds', () => {
  it('keeps each group in one fold and spreads every class evenly', () => {
    const n = 200;
    const labels = Int32Array.from({ length: n }, (_, i) => (i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2));
    const groups = Int32Array.from({ length: n }, (_, i) => (i < 40 ? i - (i % 4) : i)); // groups of 4 first
    const folds = stratifiedGroupFolds(labels, groups, 5, 1);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (groups[i] === groups[j]) expect(folds[i]).toBe(folds[j]);
    for (let c = 0; c < 3; c++) {
      const perFold = [0, 1, 2, 3, 4].map((f) => labels.filter((y, i) => y === c && folds[i] === f).length);
      const total = perFold.reduce((a, b) => a + b, 0);
      for (const count of perFold) expect(Math.abs(count - total / 5)).toBeLessThanOrEqual(4);
    }
    expect(Array.from(stratifiedGroupFolds(labels, groups, 5, 1))).toEqual(Array.from(folds));
  });
});

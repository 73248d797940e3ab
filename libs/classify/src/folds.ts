import { seededRandom, shuffled } from './random';

// Local aliases: hot loops must not look up the global Math, which is slow in vm contexts (Jest).
const { max } = Math;


/**
 * Stratified group k-fold: every group (e.g. of near-duplicates) lands in exactly one fold, and
 * each class is spread over the folds as evenly as the groups allow. Groups are placed largest
 * first (ties in seeded random order) into the fold where their classes are least represented.
 * Returns the fold number of each example.
 */
export function stratifiedGroupFolds(
  labels: ArrayLike<number>,
  groups: ArrayLike<number>,
  folds: number,
  seed: number,
): Int32Array {
  const n = labels.length;
  let classes = 0;
  for (let i = 0; i < n; i++) classes = max(classes, labels[i] + 1);
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = members.get(groups[i]);
    if (list) list.push(i);
    else members.set(groups[i], [i]);
  }
  const classTotals = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) classTotals[labels[i]]++;

  const order = shuffled([...members.values()], seededRandom(seed)).sort((a, b) => b.length - a.length);
  const foldClassCounts = Array.from({ length: folds }, () => new Array<number>(classes).fill(0));
  const foldSizes = new Array<number>(folds).fill(0);
  const assignment = new Int32Array(n);
  for (const group of order) {
    const groupCounts = new Map<number, number>();
    for (const i of group) groupCounts.set(labels[i], (groupCounts.get(labels[i]) ?? 0) + 1);
    let best = 0;
    let bestCost = Infinity;
    for (let f = 0; f < folds; f++) {
      // Share of each of the group's classes already in fold f, plus a small pull to even sizes.
      let cost = foldSizes[f] / (n || 1) / folds;
      for (const [label, count] of groupCounts) cost += (count * foldClassCounts[f][label]) / classTotals[label];
      if (cost < bestCost - 1e-12) {
        bestCost = cost;
        best = f;
      }
    }
    for (const i of group) assignment[i] = best;
    for (const [label, count] of groupCounts) foldClassCounts[best][label] += count;
    foldSizes[best] += group.length;
  }
  return assignment;
}

/** Classification quality figures computed from gold labels and ranked predictions. */
export interface Evaluation {
  labels: string[];
  count: number;
  accuracy: number;
  top3Accuracy: number;
  macroF1: number;
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  /** confusion[gold][predicted], indices into `labels`. */
  confusion: number[][];
}

/** `ranked[i]` holds example i's class indices, best first. */
export function evaluate(labels: string[], gold: ArrayLike<number>, ranked: readonly (readonly number[])[]): Evaluation {
  const k = labels.length;
  const confusion = labels.map(() => new Array<number>(k).fill(0));
  let correct = 0;
  let top3 = 0;
  for (let i = 0; i < ranked.length; i++) {
    const predicted = ranked[i][0];
    confusion[gold[i]][predicted]++;
    if (predicted === gold[i]) correct++;
    if (ranked[i].slice(0, 3).includes(gold[i])) top3++;
  }
  const perClass = labels.map((label, c) => {
    const truePositives = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[c], 0);
    const precision = predictedCount ? truePositives / predictedCount : 0;
    const recall = support ? truePositives / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  // Macro-F1 averages over the classes present in the gold labels.
  const present = perClass.filter((c) => c.support > 0);
  const n = ranked.length || 1;
  return {
    labels,
    count: ranked.length,
    accuracy: correct / n,
    top3Accuracy: top3 / n,
    macroF1: present.reduce((a, c) => a + c.f1, 0) / (present.length || 1),
    perClass,
    confusion,
  };
}

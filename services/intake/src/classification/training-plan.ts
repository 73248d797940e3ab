/**
 * The pure rules of a training run: which confirmed classifications train the new model and
 * which are held back to compare it with the active one, which categories it learns, and when it
 * replaces the active model.
 */

/** A confirmed classification: the request's masked title and content and the agent's category. */
export interface LabelledText {
  title: string;
  content: string;
  categoryCode: string;
}

export interface HoldoutSplit<T> {
  train: T[];
  holdout: T[];
}

/**
 * Examples oldest first → the most recent `fraction` (at least one) held back, the rest to train
 * on. By time, not at random: the model is judged on what agents classified last, the nearest
 * thing to what they will classify next.
 */
export function splitByTime<T>(oldestFirst: readonly T[], fraction: number): HoldoutSplit<T> {
  if (oldestFirst.length < 2) return { train: [...oldestFirst], holdout: [] };
  const held = Math.min(oldestFirst.length - 1, Math.max(1, Math.round(oldestFirst.length * fraction)));
  const cut = oldestFirst.length - held;
  return { train: oldestFirst.slice(0, cut), holdout: oldestFirst.slice(cut) };
}

/**
 * The category each confirmed code is learnt as: itself when it has at least `minPerCategory`
 * training examples, otherwise its parent (repeatedly, pooling the rare children's examples),
 * so a leaf seen twice is still suggested, one level up. A level-1 code keeps its few examples.
 */
export function learntCategories(codes: readonly string[], parentOf: ReadonlyMap<string, string | null>, minPerCategory: number): Map<string, string> {
  const learnt = new Map<string, string>(codes.map((c) => [c, c]));
  for (let changed = true; changed; ) {
    changed = false;
    const counts = new Map<string, number>();
    for (const code of codes) {
      const label = learnt.get(code) as string;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    for (const [code, label] of learnt) {
      const parent = parentOf.get(label);
      if ((counts.get(label) ?? 0) < minPerCategory && parent) {
        learnt.set(code, parent);
        changed = true;
      }
    }
  }
  return learnt;
}

/** A suggestion is right when it is the confirmed category or one above it (a rare leaf is suggested as its parent). */
export function isRightCategory(suggested: string, confirmedPath: readonly string[]): boolean {
  return confirmedPath.includes(suggested);
}

export interface HoldoutFigures {
  count: number;
  /** Share of held-back requests whose best suggestion was right. */
  accuracy: number;
  /** Share whose right category was among the three suggestions. */
  top3: number;
}

/** Figures of ranked suggestions (best first) against the confirmed categories' paths (level 1 down to the code). */
export function holdoutFigures(ranked: ReadonlyArray<readonly string[]>, confirmedPaths: ReadonlyArray<readonly string[]>): HoldoutFigures {
  let top1 = 0;
  let top3 = 0;
  ranked.forEach((suggested, i) => {
    if (suggested.length > 0 && isRightCategory(suggested[0], confirmedPaths[i])) top1++;
    if (suggested.slice(0, 3).some((s) => isRightCategory(s, confirmedPaths[i]))) top3++;
  });
  const n = ranked.length || 1;
  return { count: ranked.length, accuracy: top1 / n, top3: top3 / n };
}

/**
 * The new model replaces the active one only when its top-1 accuracy on the same held-back
 * requests is strictly higher; a tie keeps the model agents already know. Without an active model
 * the new one is taken.
 */
export function replacesActive(candidate: HoldoutFigures, active: HoldoutFigures | undefined): boolean {
  if (!active) return true;
  return candidate.accuracy > active.accuracy;
}

/** The codes from level 1 down to `code` in the tree; empty when the tree lacks it. */
export function pathOf(tree: ReadonlyMap<string, { parentCode: string | null }>, code: string): string[] {
  const path: string[] = [];
  for (let at: string | null = code; at !== null && tree.has(at) && !path.includes(at); at = tree.get(at)?.parentCode ?? null) path.unshift(at);
  return path;
}

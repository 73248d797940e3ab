// The tenant's categories as a cascader loads them, level by level (as on the agent desk), and
// the path to a category the citizen picked, so the decision form can start from the hint.
import { allCategories } from './shared';

export interface CategoryOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: CategoryOption[];
}

/** The first level, or the children of `parent`: all of them, however many pages they take. */
export async function categoriesUnder(parent?: string): Promise<CategoryOption[]> {
  const page = await allCategories(parent ? { parent } : { level: 1 });
  return page.items.map((c) => ({ value: c.code, label: `${c.code} ${c.name}`, isLeaf: c.level >= 3 }));
}

/**
 * Loads (into `roots`, in place) the branches down to `code` and returns its path, or undefined
 * when it is not found. The tenant's codes extend their parent's (03 → 0306 → 030603); a
 * taxonomy whose codes do not just leaves the cascader empty for the agent to choose.
 */
export async function loadPathTo(roots: CategoryOption[], code: string): Promise<string[] | undefined> {
  const path: string[] = [];
  let level = roots;
  for (;;) {
    const next = level.find((o) => code === o.value) ?? level.find((o) => code.startsWith(o.value));
    if (!next) return undefined;
    path.push(next.value);
    if (next.value === code) return path;
    if (next.isLeaf) return undefined;
    next.children ??= await categoriesUnder(next.value);
    level = next.children;
  }
}

/** Loads the options down a path of codes (level 1 first), so a category set from a hint shows its names. */
export async function loadPath(options: CategoryOption[], codes: readonly string[]): Promise<void> {
  let level = options;
  for (const code of codes.slice(0, -1)) {
    const option = level.find((o) => o.value === code);
    if (!option) return;
    option.children ??= await categoriesUnder(code);
    level = option.children;
  }
}

/** The labels of a path of codes as loaded ("03 城乡建设 / 0306 …"); a code not loaded shows as itself. */
export function optionLabels(options: CategoryOption[], codes: readonly string[]): string {
  let level: CategoryOption[] | undefined = options;
  return codes
    .map((code) => {
      const option: CategoryOption | undefined = level?.find((o) => o.value === code);
      level = option?.children;
      return option?.label ?? code;
    })
    .join(' / ');
}

// The tenant's categories as a cascader loads them, level by level (as on the agent desk), and
// the path to a category the citizen picked, so the decision form can start from the hint.
import { api, unwrap } from '../api/client';
import type { CategoryView } from '../api/views';

export interface CategoryOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: CategoryOption[];
}

export async function categoriesUnder(parent?: string): Promise<CategoryOption[]> {
  const page = await unwrap<{ items: CategoryView[] }>(api.intake.GET('/v1/categories', { params: { query: parent ? { parent, limit: 200 } : { level: 1, limit: 200 } } }));
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

/** What a request says about its content category (RequestBrief.categoryCode / categoryPath). */
export interface RequestCategory {
  categoryCode: string;
  /** From level 1 down to categoryCode; empty in briefs published before intake sent paths. */
  categoryPath: readonly string[];
}

/** A DB44/T 2479-style code: two digits per level (03 → 0306 → 030603), and a tenant's fourth level. */
const TWO_DIGIT_LEVELS = /^(?:[0-9]{2}){1,4}$/;

/**
 * The request's category and every category above it, nearest first: the catalog entry for a
 * category applies to every category below it. Read from the path intake sends, whatever the
 * codes look like (`A` → `A.1` → `A.1.3`). A brief without a path (published before this
 * release) has only its code, plus the code's two-digit-level prefixes when it is all digits.
 */
export function categoryLineage(category: RequestCategory): string[] {
  const code = category.categoryCode;
  if (!code) return [];
  if (category.categoryPath.length > 0) return [...category.categoryPath].reverse();
  if (!TWO_DIGIT_LEVELS.test(code)) return [code];
  const prefixes: string[] = [];
  for (let length = code.length; length >= 2; length -= 2) prefixes.push(code.slice(0, length));
  return prefixes;
}

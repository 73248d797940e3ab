/**
 * A code of a tenant's content taxonomy (内容分类): DB44/T 2479 codes such as `030603`, GB/T 39666
 * codes, or a tenant's own (`A1.02`). The same shape is accepted wherever a category is named:
 * the taxonomy, requests and the dispatch catalog.
 */
export const CATEGORY_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const CATEGORY_CODE_RULE = 'letters, digits, dot, dash and underscore, starting with a letter or digit; at most 40';

export function isCategoryCode(value: unknown): value is string {
  return typeof value === 'string' && CATEGORY_CODE_PATTERN.test(value);
}

/** Depth of a taxonomy: 大类 / 中类 / 小类, and one more level for a tenant's own detail. */
export const MAX_CATEGORY_LEVEL = 4;

// The knowledge base (知识库) for 直接办理: what agents answer from at once. Chinese has no spaces,
// so search indexes overlapping character bigrams (PostgreSQL full-text search over them, no
// dictionary to install); Latin words and numbers stay whole. Pure: the service stores and queries.

/**
 * Runs of CJK characters, and words of other letters or digits; everything else separates. A Han
 * character ends a Latin word (Han characters are letters too): "A市A3区" is a, 市, a3, 区 — not
 * one word no query would ever match, as the board's anonymised place names would otherwise be.
 */
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

/**
 * Bigrams of the letter-writing formulas both sides use (尊敬的领导您好, 网友您好, 已收悉, 现将有关情况
 * 回复如下, 感谢您对我们工作的支持): in most messages or most replies of the board's files, so they
 * match every article and rank none. Left out of queries only; articles keep them.
 */
const FORMULA_BIGRAMS = new Set([
  '尊敬', '敬的', '的领', '领导', '导您', '您好', '你好', '们好', '书记', '我是', '本人', '请问', '网友', '收悉', '已收', '回复', '复如', '如下',
  '现将', '感谢', '谢您', '您对', '对我', '我们', '们工', '工作', '作的', '的支', '支持', '留言', '的留', '言已', '有关', '关情', '情况', '况回',
]);

/**
 * The search tokens of a text: overlapping bigrams of every Han run (a single character alone
 * stays one token), Latin words and numbers whole, lower case, each once, in order of first
 * appearance. "小区噪音扰民 WiFi" → 小区 区噪 噪音 音扰 扰民 wifi.
 */
export function searchTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(RUNS)) {
    const [, han, word] = match;
    if (word) seen.add(word);
    else if (han) {
      const chars = Array.from(han);
      if (chars.length === 1) seen.add(han);
      for (let i = 0; i + 1 < chars.length; i++) seen.add(`${chars[i]}${chars[i + 1]}`);
    }
  }
  return [...seen];
}

/** The tokens as the text PostgreSQL's `simple` configuration turns into a tsvector (tokens are letters and digits only). */
export function searchDocument(text: string): string {
  return searchTokens(text).join(' ');
}

/**
 * A tsquery of the tokens: all of them (`&`, what an agent typing expects: each character added
 * narrows) or any (`|`, ranked, when all of them find too little). Undefined for a text without
 * tokens. Tokens hold letters and digits only, so they need no quoting.
 */
export function searchQuery(text: string, mode: 'all' | 'any'): string | undefined {
  const all = searchTokens(text);
  const meaningful = all.filter((t) => !FORMULA_BIGRAMS.has(t));
  // A query of formulas alone still searches for them.
  const tokens = (meaningful.length > 0 ? meaningful : all).slice(0, 64);
  return tokens.length === 0 ? undefined : tokens.join(mode === 'all' ? ' & ' : ' | ');
}

/**
 * Days after publication an article is due for review when the reviewer sets no date. No
 * national figure exists (GB/T 44191 asks for periodic review; Xinyang has units update every
 * Friday, domain.md §13.2); half a year is this project's default [I].
 */
export const DEFAULT_REVIEW_DUE_DAYS = 180;

/** The review-due day (YYYY-MM-DD) of a version published on `publishedOn`. */
export function reviewDueOn(publishedOn: string, days: number = DEFAULT_REVIEW_DUE_DAYS): string {
  const d = new Date(`${publishedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Xinyang's format: at most 1,000 items per import (domain.md §13.2). */
export const MAX_IMPORT_ROWS = 1000;

export interface ArticleText {
  title: string;
  keywords: readonly string[];
  validFrom: string;
  validUntil?: string | null;
}

/** What is wrong with an article beyond its fields' own formats: a keyword equal to the title, a validity ending before it starts. */
export function articleIssues(a: ArticleText): Array<{ field: string; message: string }> {
  const issues: Array<{ field: string; message: string }> = [];
  a.keywords.forEach((k, i) => {
    if (k === a.title) issues.push({ field: `keywords.${i}`, message: 'a keyword must not repeat the title' });
  });
  if (new Set(a.keywords).size !== a.keywords.length) issues.push({ field: 'keywords', message: 'each keyword once' });
  if (a.validUntil && a.validUntil < a.validFrom) issues.push({ field: 'validUntil', message: 'must not be before validFrom' });
  return issues;
}

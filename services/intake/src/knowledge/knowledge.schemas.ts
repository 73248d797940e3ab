import { z } from 'zod';
import { isIsoDate } from '@hotline/calendar';
import { articleIssues, MAX_IMPORT_ROWS } from '@hotline/intake-domain';
import { pageShape, wholeNumber } from '@hotline/platform';
import { KB_MATERIAL_KINDS, KB_REVIEW_DECISIONS, KB_VERSION_STATUSES } from '@hotline/vocabulary';

const Day = z.string().refine(isIsoDate, 'a date YYYY-MM-DD');

/** The fields of one article version, in Xinyang's import format (domain.md §13.2) plus validity and source. */
const articleShape = {
  /** 类目: the article's category path, levels separated by `/` (e.g. 城乡建设/物业管理). */
  category: z.string().trim().min(1).max(200).regex(/^[^/]+(\/[^/]+)*$/, 'levels separated by /, none empty'),
  /** 标题, unique among the tenant's published articles. */
  title: z.string().trim().min(1).max(128),
  content: z.string().trim().min(1).max(20_000),
  /** 发文单位 */
  issuingUnit: z.string().trim().min(1).max(100),
  /** 材料性质 */
  materialKind: z.enum(KB_MATERIAL_KINDS),
  /** The document it rests on (文号 or title), if any. */
  sourceDocument: z.string().trim().min(1).max(200).optional(),
  /** 关键字: one or more, each at most 20 characters, none equal to the title. */
  keywords: z.array(z.string().trim().min(1).max(20)).min(1).max(20),
  validFrom: Day,
  validUntil: Day.nullable().optional(),
};

export const ArticleObject = z.object(articleShape).strict();
/** A new article, or a new version of one: sent for review, published only once approved. */
export const ArticleBody = ArticleObject.superRefine((a, ctx) => {
  for (const issue of articleIssues(a))
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
});
export type ArticleInput = z.infer<typeof ArticleObject>;

export const ReviewBody = z
  .object({
    decision: z.enum(KB_REVIEW_DECISIONS),
    note: z.string().trim().min(1).max(1000).optional(),
    /** When the published version is due for review; default half a year after publication. */
    reviewDueOn: Day.optional(),
  })
  .strict();
export type ReviewInput = z.infer<typeof ReviewBody>;

/** An import of up to 1,000 articles: CSV text with a header row of the article's field names, or JSON rows. */
export const ImportBody = z.union([
  z.object({ format: z.literal('csv'), csv: z.string().min(1).max(16_000_000) }).strict(),
  z.object({ format: z.literal('json'), articles: z.array(z.unknown()).min(1).max(MAX_IMPORT_ROWS) }).strict(),
]);
export type ImportInput = z.infer<typeof ImportBody>;

export const SearchQuery = z
  .object({
    q: z.string().trim().min(1).max(200),
    /** Only articles of this category or below it. */
    category: z.string().trim().min(1).max(200).optional(),
    /** Articles valid on this day (default today, UTC). */
    validOn: Day.optional(),
    limit: wholeNumber(1, 50).default(10),
  })
  .strict();
export type SearchInput = z.infer<typeof SearchQuery>;

export const SuggestQuery = z.object({ q: z.string().trim().min(1).max(100) }).strict();

export const ArticleIdParam = z.string().uuid();
export const VersionParam = wholeNumber(1, 100_000);

/** One decision on many versions in review (an import approved at once), each reported. */
export const BatchReviewBody = z
  .object({
    decision: z.enum(KB_REVIEW_DECISIONS),
    note: z.string().trim().min(1).max(1000).optional(),
    items: z
      .array(z.object({ articleId: z.string().uuid(), version: wholeNumber(1, 100_000) }).strict())
      .min(1)
      .max(MAX_IMPORT_ROWS),
  })
  .strict();
export type BatchReviewInput = z.infer<typeof BatchReviewBody>;

export const ListArticlesQuery = z.object({ status: z.enum(KB_VERSION_STATUSES).optional(), ...pageShape }).strict();
export type ListArticles = z.infer<typeof ListArticlesQuery>;

import { z } from 'zod';
import { ProblemError } from '@hotline/platform';
import { AREA_CODE_RULE, CATEGORY_CODE_PATTERN, CATEGORY_CODE_RULE, isAreaCode, REQUEST_TYPES } from '@hotline/vocabulary';

const categoryCode = z.string().regex(CATEGORY_CODE_PATTERN, CATEGORY_CODE_RULE);

/** A request as it would be dispatched: its category (with the path above it, for codes that do not nest by digits) and area. */
export const CatalogMatchQuery = z
  .object({
    categoryCode,
    areaCode: z.string().refine(isAreaCode, AREA_CODE_RULE),
    /** Accepted and echoed: the catalog chooses by category and area, not by type. */
    requestType: z.enum(REQUEST_TYPES).optional(),
    /** Level 1 down to categoryCode, comma-separated (as intake sends it); without it, two-digit codes nest by prefix (03 → 0306 → 030603). */
    categoryPath: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(categoryCode).min(1).max(8))
      .optional(),
  })
  .strict();
export type CatalogMatch = z.infer<typeof CatalogMatchQuery>;

/** The query checked as a whole: a path given must end with the category. */
export function catalogMatchOf(query: CatalogMatch): CatalogMatch {
  const path = query.categoryPath;
  if (path && path[path.length - 1] !== query.categoryCode)
    throw ProblemError.validation([{ field: 'query.categoryPath', message: 'must end with categoryCode' }]);
  return query;
}

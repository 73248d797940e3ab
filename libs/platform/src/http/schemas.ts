import { z } from 'zod';
import { isTenantCode, TENANT_CODE_RULE } from '@hotline/vocabulary';

/**
 * A whole number written in a path or a query: decimal digits only. (z.coerce.number would also
 * take ' 1', '1e2', '0x10' and '' as 0.) Numbers already parsed (a JSON body) pass too.
 */
export function wholeNumber(min: number, max: number) {
  return z.union([z.number(), z.string().regex(/^\d{1,16}$/, 'must be a whole number in decimal digits').transform(Number)]).pipe(z.number().int().min(min).max(max));
}

/** limit/offset query parameters of every list: at most 200 a page, 50 by default. */
export const pageShape = {
  limit: wholeNumber(1, 200).default(50),
  offset: wholeNumber(0, 1_000_000).default(0),
};
export const PageQuery = z.object(pageShape).strict();
export type Page = z.infer<typeof PageQuery>;

/** A tenant code in a path, a header or a variable. */
export const TenantCode = z.string().refine(isTenantCode, TENANT_CODE_RULE);

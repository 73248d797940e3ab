import { z } from 'zod';
import { isTenantCode, TENANT_CODE_RULE } from '@hotline/vocabulary';

/** limit/offset query parameters of every list: at most 200 a page, 50 by default. */
export const pageShape = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
export const PageQuery = z.object(pageShape).strict();
export type Page = z.infer<typeof PageQuery>;

/** A tenant code in a path, a header or a variable. */
export const TenantCode = z.string().refine(isTenantCode, TENANT_CODE_RULE);

import { z } from 'zod';

/** limit/offset query parameters shared by every list (limit ≤ 200, default 50). */
export const pageShape = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
export const PageQuery = z.object(pageShape).strict();
export type Page = z.infer<typeof PageQuery>;

import { z } from 'zod';
import { pageShape, wholeNumber } from '@hotline/platform';
import { CATEGORY_CODE_RULE, isCategoryCode, MAX_CATEGORY_LEVEL } from '@hotline/vocabulary';

/** A code of the tenant's taxonomy, wherever one is named (the taxonomy itself, requests). */
export const CategoryCode = z.string().refine(isCategoryCode, CATEGORY_CODE_RULE);

/** The whole taxonomy of the next version. */
export const PublishTaxonomyBody = z
  .object({
    categories: z
      .array(
        z
          .object({
            code: CategoryCode,
            name: z.string().trim().min(1).max(100),
            parentCode: CategoryCode.optional(),
            level: z.number().int().min(1).max(MAX_CATEGORY_LEVEL),
          })
          .strict(),
      )
      .max(3000),
  })
  .strict();
export type PublishTaxonomy = z.infer<typeof PublishTaxonomyBody>;

export const ListCategoriesQuery = z
  .object({
    /** Default: the latest version. */
    version: wholeNumber(1, 2_147_483_647).optional(),
    level: wholeNumber(1, MAX_CATEGORY_LEVEL).optional(),
    parent: CategoryCode.optional(),
    ...pageShape,
  })
  .strict();
export type ListCategories = z.infer<typeof ListCategoriesQuery>;

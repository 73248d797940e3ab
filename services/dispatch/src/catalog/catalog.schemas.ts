import { z } from 'zod';
import { wholeNumber } from '@hotline/platform';
import { CATALOG_AREA_PATTERN, CATALOG_AREA_RULE, catalogIssues, MAX_ASSISTING_UNITS, MAX_CATALOG_ENTRIES } from '@hotline/dispatch-domain';
import { CATEGORY_CODE_PATTERN, CATEGORY_CODE_RULE } from '@hotline/vocabulary';

const UnitId = z.string().uuid();

export const CatalogEntryBody = z
  .object({
    /** Applies to this category and every category below it in the tenant's taxonomy. */
    categoryCode: z.string().regex(CATEGORY_CODE_PATTERN, CATEGORY_CODE_RULE),
    /** Applies to this area and every area below it; '*' to any area (the last resort). */
    areaCode: z.string().regex(CATALOG_AREA_PATTERN, CATALOG_AREA_RULE),
    primaryUnitId: UnitId,
    assistingUnitIds: z.array(UnitId).max(MAX_ASSISTING_UNITS).default([]),
    /** A territorial (属地) duty, which street/township units may take; default a department's. */
    territorial: z.boolean().default(false),
    /** 首接负责: the primary unit leads the coordination (no return for 权属不清 or 职能交叉). */
    firstResponsible: z.boolean().default(false),
  })
  .strict();

const pathSegment = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);

export const PublishCatalogBody = z
  .object({ entries: z.array(CatalogEntryBody).min(1).max(MAX_CATALOG_ENTRIES) })
  .strict()
  .superRefine((body, ctx) => {
    for (const issue of catalogIssues(body.entries))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.field.split('.').map(pathSegment), message: issue.message });
  });
export type PublishCatalog = z.infer<typeof PublishCatalogBody>;

export const CatalogVersionParams = z.object({ version: wholeNumber(1, 2_147_483_647) });

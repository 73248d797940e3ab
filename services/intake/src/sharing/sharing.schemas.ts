import { z } from 'zod';
import { agreementIssues } from '@hotline/intake-domain';
import { pageShape, wholeNumber } from '@hotline/platform';
import {
  AREA_CODE_RULE,
  CATEGORY_CODE_RULE,
  canonicalArea,
  DATA_GRADES,
  DEPARTMENT_CODE_RULE,
  isAreaCode,
  isCategoryCode,
  isDepartmentCode,
  REQUEST_TYPES,
  SHARING_AGREEMENT_STATES,
  SHARING_FIELDS,
  SHARING_MASKINGS,
} from '@hotline/vocabulary';
import { decodeCursor } from './release-cursor';

const instant = z.string().datetime({ offset: true });
const Text = (max: number) => z.string().trim().min(1).max(max);
const DepartmentCode = z.string().refine(isDepartmentCode, DEPARTMENT_CODE_RULE);
const distinct = <T>(items: readonly T[]) => new Set(items).size === items.length;

const agreementShape = {
  departmentCode: DepartmentCode.describe('the `department` claim of its recipients’ tokens'),
  departmentName: Text(200),
  purpose: Text(1000).describe('what the department uses the data for (谁使用谁负责)'),
  legalBasis: Text(500).describe('the law, regulation or document that allows the sharing'),
  personalDataPurpose: Text(1000).optional().describe('why the department needs personal information; required when a personal field is released'),
  maxGrade: z.enum(DATA_GRADES).describe('vocabulary DATA_GRADES: the highest grade of field it may release'),
  includesCore: z.boolean().default(false).describe('must be true to release a core field'),
  fields: z
    .array(z.object({ field: z.enum(SHARING_FIELDS), masking: z.enum(SHARING_MASKINGS) }).strict())
    .min(1)
    .max(SHARING_FIELDS.length)
    .describe('vocabulary SHARING_FIELD_CATALOGUE: each field with its masking'),
  categoryPrefixes: z
    .array(z.string().refine(isCategoryCode, CATEGORY_CODE_RULE))
    .min(1)
    .max(100)
    .refine(distinct, 'each category once')
    .describe('content categories covered, each with everything below it'),
  areaCodes: z
    .array(z.string().refine(isAreaCode, AREA_CODE_RULE).transform(canonicalArea))
    .min(1)
    .max(100)
    .refine(distinct, 'each area once')
    .describe('areas covered, each with everything below it'),
  requestTypes: z.array(z.enum(REQUEST_TYPES)).min(1).max(REQUEST_TYPES.length).refine(distinct, 'each type once'),
  validFrom: instant.describe('requests received from then on, and releases from then on'),
  validUntil: instant.describe('exclusive: neither requests received nor releases after it'),
};

/** A proposed sharing agreement: active only once a second person approved it, immutable ever after. */
export const ProposeAgreementBody = z
  .object(agreementShape)
  .strict()
  .superRefine((a, ctx) => {
    const issues = agreementIssues({ ...a, validFrom: new Date(a.validFrom), validUntil: new Date(a.validUntil) });
    for (const issue of issues)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
  });
export type ProposeAgreement = z.infer<typeof ProposeAgreementBody>;

export const ReasonBody = z.object({ reason: Text(1000).describe('kept masked') }).strict();
export const OptionalReasonBody = z.object({ reason: Text(1000).optional().describe('kept masked') }).strict();

export const ListAgreementsQuery = z
  .object({ state: z.enum(SHARING_AGREEMENT_STATES).optional(), departmentCode: DepartmentCode.optional(), ...pageShape })
  .strict();
export type ListAgreements = z.infer<typeof ListAgreementsQuery>;

export const AgreementIdParam = z.string().uuid();

/** Releases of a department: from `since` (received at or after it) or on from a previous page's `next`. */
export const ReleaseShape = z
  .object({
    since: instant.optional(),
    cursor: z.string().max(200).refine((c) => decodeCursor(c) !== undefined, 'the `next` of a previous release').optional(),
    limit: wholeNumber(1, 500).default(100),
  })
  .strict();
export const ReleaseQuery = ReleaseShape.refine((q) => !(q.since && q.cursor), { message: 'give since or cursor, not both', path: ['since'] });
export type ReleaseRequest = z.infer<typeof ReleaseQuery>;

export const ReleaseLogQuery = z
  .object({
    agreementId: z.string().uuid().optional(),
    departmentCode: DepartmentCode.optional(),
    from: instant.optional(),
    to: instant.optional(),
    ...pageShape,
  })
  .strict();
export type ReleaseLogFilter = z.infer<typeof ReleaseLogQuery>;

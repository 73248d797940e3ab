import { z } from 'zod';
import { AREA_CODE_RULE, EXTERNAL_REFERENCE_KINDS, isAreaCode } from '@hotline/vocabulary';
import { CategoryCode } from '../categories/categories.schemas';

/** A case of 信访 or 互联网+督查 a request refers to: its kind and that system's case number. */
export const ExternalRef = z
  .object({
    kind: z.enum(EXTERNAL_REFERENCE_KINDS),
    // Case numbers as the systems write them (苏信〔2026〕0123, DC-2026-77): Latin letters, digits, Han characters, brackets.
    reference: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9\u4e00-\u9fff\-_/()（）〔〕[\]]+$/, 'Latin letters, digits, Chinese characters and - _ / ( ) 〔 〕 [ ] only'),
  })
  .strict();
export type ExternalRefInput = z.infer<typeof ExternalRef>;

export const ExternalRefs = z
  .array(ExternalRef)
  .max(10)
  .refine((refs) => new Set(refs.map((r) => `${r.kind}\u0000${r.reference}`)).size === refs.length, 'each case once');

/**
 * A contact while the agent enters it, before it is registered: who (phone and address, only
 * hashed here), where, what, and the cases it names. Nothing of it is stored.
 */
export const DuplicateProbeBody = z
  .object({
    requester: z
      .object({
        phone: z.string().regex(/^[0-9+-]{5,20}$/, 'digits, + and -, 5 to 20 characters').optional(),
        address: z.string().trim().min(1).max(200).optional(),
      })
      .strict()
      .optional(),
    title: z.string().trim().min(1).max(200).optional(),
    content: z.string().trim().min(1).max(4000),
    areaCode: z.string().refine(isAreaCode, AREA_CODE_RULE),
    externalRefs: ExternalRefs.optional(),
    /** The category the agent chose: a terminated matter is also recognised by similar text in the same category. */
    categoryCode: CategoryCode.optional(),
  })
  .strict();
export type DuplicateProbeInput = z.infer<typeof DuplicateProbeBody>;

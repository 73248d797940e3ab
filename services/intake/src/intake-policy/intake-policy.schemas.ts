import { z } from 'zod';
import { intakePolicyIssues, ONLINE_RESPONSE_LIMITS } from '@hotline/intake-domain';
import { REQUEST_TYPES } from '@hotline/vocabulary';

/** A tenant's intake policy, whole (ADR 0034): the online response limit, its warning, the 保密 default types. */
export const PutIntakePolicyBody = z
  .object({
    onlineResponseSeconds: z.number().int().min(ONLINE_RESPONSE_LIMITS.minSeconds).max(ONLINE_RESPONSE_LIMITS.maxSeconds),
    onlineWarningSeconds: z.number().int().min(0).max(ONLINE_RESPONSE_LIMITS.maxSeconds),
    confidentialTypes: z
      .array(z.enum(REQUEST_TYPES))
      .max(REQUEST_TYPES.length)
      .refine((types) => new Set(types).size === types.length, 'each type once'),
  })
  .strict()
  .superRefine((policy, ctx) => {
    for (const issue of intakePolicyIssues(policy)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [issue.field], message: issue.message });
  });
export type PutIntakePolicy = z.infer<typeof PutIntakePolicyBody>;

import { z } from 'zod';
import { CLOCK_UNITS, COUNTINGS, DEFAULT_COUNTING, REQUEST_TYPES, URGENCIES } from '@hotline/vocabulary';

const ClockRuleBody = z
  .object({
    unit: z.enum(CLOCK_UNITS),
    amount: z.number().int().positive().max(10_000),
    counting: z.enum(COUNTINGS).optional().describe(`working-days only; without it the rule takes the default, ${DEFAULT_COUNTING}`),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.counting && rule.unit !== 'working-days')
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['counting'], message: 'applies to working-days only' });
  });

const TimeLimitBody = z
  .object({ requestType: z.enum(REQUEST_TYPES), urgency: z.enum(URGENCIES), signFor: ClockRuleBody, handling: ClockRuleBody })
  .strict();

/** PUT replaces every tenant row; pairs left out fall back to the national defaults. */
export const PutTimeLimitsBody = z
  .object({ rules: z.array(TimeLimitBody).max(REQUEST_TYPES.length * URGENCIES.length) })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.rules.forEach((rule, i) => {
      const key = `${rule.requestType}/${rule.urgency}`;
      if (seen.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rules', i], message: `${key} appears twice` });
      seen.add(key);
    });
  });
export type PutTimeLimits = z.infer<typeof PutTimeLimitsBody>;

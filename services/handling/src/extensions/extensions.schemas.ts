import { z } from 'zod';

const days = (min: number, max: number) => z.number().int().min(min).max(max);

export const AskExtensionBody = z
  .object({
    extraWorkingDays: days(1, 60).describe('working days after the current handling due'),
    reason: z.string().trim().min(1).max(1000).describe('why the order needs more time (特别复杂 …)'),
    basis: z.string().trim().min(1).max(1000).describe('the rule or fact the extension rests on'),
  })
  .strict();
export type AskExtension = z.infer<typeof AskExtensionBody>;

export const DecideExtensionBody = z
  .object({ note: z.string().trim().min(1).max(1000).optional().describe('the hotline’s remark on its decision') })
  .strict();
export type DecideExtension = z.infer<typeof DecideExtensionBody>;

/** null lifts a limit; the count is required (0 turns extensions off). */
export const PutExtensionPolicyBody = z
  .object({
    maxExtensions: days(0, 10),
    maxExtraWorkingDays: days(1, 60).nullable(),
    maxTotalWorkingDays: days(1, 120).nullable(),
  })
  .strict();
export type PutExtensionPolicy = z.infer<typeof PutExtensionPolicyBody>;

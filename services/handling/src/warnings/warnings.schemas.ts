import { z } from 'zod';

const percent = z.number().int().min(1).max(100);

/** Yellow below red; red at most 100 % (at the due itself the overdue timer takes over). */
export const PutWarningPolicyBody = z
  .object({ yellowPercent: percent, redPercent: percent })
  .strict()
  .refine((p) => p.yellowPercent < p.redPercent, { message: 'must be above yellowPercent', path: ['redPercent'] });
export type PutWarningPolicy = z.infer<typeof PutWarningPolicyBody>;

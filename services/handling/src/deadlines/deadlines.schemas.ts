import { z } from 'zod';
import { CLOCK_UNITS, COUNTINGS, DEFAULT_COUNTING } from '@hotline/vocabulary';

/** Shared by REST and gRPC (which maps its enums to these strings first). */
export const ComputeDeadlineBody = z
  .object({
    startAt: z
      .string()
      .datetime({ offset: true, message: 'must be an RFC 3339 date-time with offset' })
      .transform((s) => new Date(s))
      // Far-future starts would overflow the calendar's four-digit local dates.
      .refine((d) => d.getUTCFullYear() >= 1970 && d.getUTCFullYear() <= 2999, 'must be between 1970 and 2999'),
    unit: z.enum(CLOCK_UNITS),
    amount: z.number().int().positive().max(10_000),
    counting: z.enum(COUNTINGS).optional().describe(`working-days only; default ${DEFAULT_COUNTING}, as for work orders`),
  })
  .strict();
export type ComputeDeadline = z.infer<typeof ComputeDeadlineBody>;

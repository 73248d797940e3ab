import { z } from 'zod';
import { URGENCIES } from '@hotline/vocabulary';

// A day at most: a request may not wait longer than that for a dispatcher.
const minutes = z.number().int().min(1).max(24 * 60);

/** `PUT /v1/dispatch-queue-policy`: calendar minutes per urgency (every urgency named) and the warning share. */
export const PutQueuePolicyBody = z
  .object({
    limitMinutes: z.object(Object.fromEntries(URGENCIES.map((u) => [u, minutes])) as Record<(typeof URGENCIES)[number], typeof minutes>).strict(),
    warnAtPercent: z.number().int().min(1).max(99),
  })
  .strict()
  .superRefine((p, ctx) => {
    // A more urgent request never gets more time than a less urgent one.
    URGENCIES.forEach((higher, i) => {
      const lower = URGENCIES[i - 1];
      if (lower === undefined) return;
      if (p.limitMinutes[higher] > p.limitMinutes[lower])
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['limitMinutes', higher], message: `must not exceed the ${lower} limit (${p.limitMinutes[lower]})` });
    });
  });
export type PutQueuePolicy = z.infer<typeof PutQueuePolicyBody>;

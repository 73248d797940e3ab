import { z } from 'zod';
import { DEFAULT_URGING_POLICY } from '@hotline/handling-domain';
import { URGE_METHODS } from '@hotline/vocabulary';

/** POST /v1/work-orders/{id}/urges: a reminder by phone or in writing, with what was said. */
export const UrgeWorkOrderBody = z
  .object({
    method: z.enum(URGE_METHODS),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type UrgeWorkOrder = z.infer<typeof UrgeWorkOrderBody>;

const workingDays = z.number().int().min(1).max(30);

/** PUT /v1/urging-policy: the ladder's counts in working days, and the urges after which an overdue order is circulated. */
export const PutUrgingPolicyBody = z
  .object({
    noticeAfterDueWorkingDays: workingDays,
    circularAfterNoticeWorkingDays: workingDays,
    circularAfterUrges: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(DEFAULT_URGING_POLICY.circularAfterUrges)
      .describe('urges of any level after which a still overdue order is circulated (催办两次仍未办理); 0 turns it off'),
  })
  .strict();
export type PutUrgingPolicy = z.infer<typeof PutUrgingPolicyBody>;

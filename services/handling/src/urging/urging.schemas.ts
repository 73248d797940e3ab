import { z } from 'zod';
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

/** PUT /v1/urging-policy: the ladder's counts in working days. */
export const PutUrgingPolicyBody = z
  .object({ noticeAfterDueWorkingDays: workingDays, circularAfterNoticeWorkingDays: workingDays })
  .strict();
export type PutUrgingPolicy = z.infer<typeof PutUrgingPolicyBody>;

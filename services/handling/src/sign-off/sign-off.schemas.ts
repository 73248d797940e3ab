import { z } from 'zod';
import { URGENCIES } from '@hotline/vocabulary';

/**
 * PUT /v1/sign-off-policy: whether answers leave a unit only with its leader's sign-off, and which
 * orders are 重件 that its principal (主要负责人) signs off; both default to none.
 */
export const PutSignOffPolicyBody = z
  .object({
    required: z.boolean(),
    importantUrgencies: z.array(z.enum(URGENCIES)).max(URGENCIES.length).default([]).describe('urgencies whose orders are 重件'),
    importantWhenSupervised: z.boolean().default(false).describe('orders under 督办 are 重件'),
  })
  .strict();
export type PutSignOffPolicy = z.infer<typeof PutSignOffPolicyBody>;

/** POST /v1/work-orders/{id}/answer-draft/return: why the leader sends the draft back. */
export const ReturnDraftBody = z.object({ note: z.string().trim().min(1).max(1000) }).strict();
export type ReturnDraft = z.infer<typeof ReturnDraftBody>;

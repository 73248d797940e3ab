import { z } from 'zod';

/** PUT /v1/sign-off-policy: whether answers leave a unit only with its leader's sign-off. */
export const PutSignOffPolicyBody = z.object({ required: z.boolean() }).strict();
export type PutSignOffPolicy = z.infer<typeof PutSignOffPolicyBody>;

/** POST /v1/work-orders/{id}/answer-draft/return: why the leader sends the draft back. */
export const ReturnDraftBody = z.object({ note: z.string().trim().min(1).max(1000) }).strict();
export type ReturnDraft = z.infer<typeof ReturnDraftBody>;

import { z } from 'zod';
import { fieldErrors, pageShape, ProblemError } from '@hotline/platform';
import { MAX_REASON_LENGTH, MAX_REASONS } from '@hotline/revisit-domain';
import { REVIEW_STATUSES } from '@hotline/vocabulary';

export const ListReviewsQuery = z.object({ status: z.enum(REVIEW_STATUSES).optional(), ...pageShape }).strict();
export type ListReviews = z.infer<typeof ListReviewsQuery>;

export const DecisionBody = z
  .object({
    passed: z.boolean(),
    reasons: z.array(z.string().trim().min(1).max(MAX_REASON_LENGTH)).min(1).max(MAX_REASONS).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!body.passed && !body.reasons)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reasons'], message: 'required when passed is false' });
  });
export type Decision = z.infer<typeof DecisionBody>;

const ReviewIdParam = z.string().uuid();

/** Validates the path's review id and the body together, so one 400 names every bad field. */
export function parseDecision(id: unknown, body: unknown): { reviewId: string; decision: Decision } {
  const reviewId = ReviewIdParam.safeParse(id);
  const decision = DecisionBody.safeParse(body ?? {});
  if (reviewId.success && decision.success) return { reviewId: reviewId.data, decision: decision.data };
  throw ProblemError.validation([
    ...(reviewId.success ? [] : fieldErrors(reviewId.error, 'id')),
    ...(decision.success ? [] : fieldErrors(decision.error)),
  ]);
}

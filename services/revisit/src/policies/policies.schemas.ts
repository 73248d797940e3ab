import { z } from 'zod';
import { fieldErrors, ProblemError } from '@hotline/platform';
import { DEFAULT_REVISIT_RULE, isSamplingKey, requestTypeLabelled, SAMPLING_KEYS, SamplingKey } from '@hotline/revisit-domain';
import { RESOLUTIONS, SATISFACTION_LEVELS } from '@hotline/vocabulary';

const KEYS_RULE = `one of ${SAMPLING_KEYS.join(', ')} (a request-type code, or * for the default rule)`;

/** The path's request type: a code of the vocabulary or '*'; a Chinese label is named for what it is. */
export const SamplingKeyParam = z.string().refine(isSamplingKey, (value) => {
  const code = requestTypeLabelled(value);
  return { message: code ? `"${value}" is the label of ${code}: use the code, ${KEYS_RULE}` : KEYS_RULE };
});

export const PutPolicyBody = z
  .object({
    samplePercent: z.number().int().min(0).max(100),
    windowHours: z.number().int().min(1).max(720),
    /** Unanswered attempts within the window after which the revisit is exhausted (default 3). */
    maxAttempts: z.number().int().min(1).max(10).default(DEFAULT_REVISIT_RULE.maxAttempts),
    /** Recorded when the window ends without an evaluation (Nanchong: windowHours 240, 满意); absent or null: none. */
    defaultEvaluation: z
      .object({ satisfaction: z.enum(SATISFACTION_LEVELS), resolution: z.enum(RESOLUTIONS) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type PutPolicy = z.infer<typeof PutPolicyBody> & { requestType: SamplingKey };

/** Validates the path's request type and the body together, so one 400 names every bad field. */
export function parsePutPolicy(requestType: unknown, body: unknown): PutPolicy {
  const type = SamplingKeyParam.safeParse(requestType);
  const values = PutPolicyBody.safeParse(body ?? {});
  if (type.success && values.success) return { requestType: type.data, ...values.data };
  throw ProblemError.validation([
    ...(type.success ? [] : fieldErrors(type.error, 'requestType')),
    ...(values.success ? [] : fieldErrors(values.error)),
  ]);
}

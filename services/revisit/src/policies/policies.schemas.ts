import { z } from 'zod';
import { fieldErrors, ProblemError } from '@hotline/platform';
import { isSamplingKey, requestTypeLabelled, SAMPLING_KEYS, SamplingKey } from '@hotline/revisit-domain';

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

import { z } from 'zod';
import { pageShape } from '@hotline/platform';
import { RETENTION_DEFAULTS, RETENTION_YEARS_MAX, RETENTION_YEARS_MIN } from '@hotline/vocabulary';

/** PUT /v1/retention-policy: the whole policy; a field left out takes its default. */
export const PutRetentionPolicyBody = z
  .object({
    /** Years after its closure that a request's identity and free text are kept (default 10). */
    closedRequestYears: z.number().int().min(RETENTION_YEARS_MIN).max(RETENTION_YEARS_MAX).default(RETENTION_DEFAULTS.closedRequestYears),
    anonymiseIdentity: z.boolean().default(RETENTION_DEFAULTS.anonymiseIdentity),
    anonymiseFreeText: z.boolean().default(RETENTION_DEFAULTS.anonymiseFreeText),
  })
  .strict();
export type PutRetentionPolicy = z.infer<typeof PutRetentionPolicyBody>;

/**
 * POST /v1/retention/runs. `asOf` (default now) is the instant the run acts at: it anonymises the
 * requests closed more than the policy's years before it. A later instant is how a test, or a
 * records office bringing a deletion forward, runs the period's end now; the run keeps it and
 * who asked (GET /v1/retention/runs/{id}).
 */
export const StartRetentionRunBody = z
  .object({
    asOf: z
      .string()
      .datetime({ offset: true, message: 'must be an RFC 3339 date-time with offset' })
      // The cut-off (asOf less up to 100 years) stays an instant PostgreSQL and Date both hold.
      .refine((v) => new Date(v).getUTCFullYear() >= 1970 && new Date(v).getUTCFullYear() <= 9000, 'must be between the years 1970 and 9000')
      .optional(),
  })
  .strict();

export const RetentionRunParams = z.object({ id: z.string().uuid() });
export const ListRetentionRunsQuery = z.object(pageShape).strict();


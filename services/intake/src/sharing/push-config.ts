import { z } from 'zod';

/**
 * The variables of the pushed data-sharing feeds (ADR 0035 addendum), the same for every tenant:
 * they bound what one receiver can cost the service, not what a department gets.
 */
export const sharingPushConfigShape = {
  /** How long one POST of a batch may take before it counts as failed and is retried. */
  SHARING_PUSH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The first retry's wait after a failed attempt; it doubles (with jitter) up to SHARING_PUSH_RETRY_MAX_MS. */
  SHARING_PUSH_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  SHARING_PUSH_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  /** Attempts of one batch before it is failed and its feed paused (until redelivered or replayed). */
  SHARING_PUSH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  /** The wait, once a feed has pushed everything there was, before it looks for new requests. */
  SHARING_PUSH_INTERVAL_MS: z.coerce.number().int().min(10).max(86_400_000).default(60_000),
  /** How often the worker looks for feeds that are due. */
  SHARING_PUSH_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  /** Batches in flight at once per replica, and of them at most this many of one tenant. */
  SHARING_PUSH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  SHARING_PUSH_TENANT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
};

export type SharingPushConfig = z.infer<z.ZodObject<typeof sharingPushConfigShape>>;

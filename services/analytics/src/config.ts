import { z } from 'zod';
import { wholeNumber } from '@hotline/platform';

/**
 * Webhook delivery of alerts: an attempt waits at most ALERT_DELIVERY_TIMEOUT_MS for the
 * receiver; a failed one is retried after base × 2^(n−1), capped at an hour, up to
 * ALERT_DELIVERY_MAX_ATTEMPTS attempts (then `failed`, replayable by hand).
 */
export const analyticsConfigSchema = z.object({
  ALERT_DELIVERY_RETRY_BASE_MS: wholeNumber(10, 3_600_000).default(5_000),
  ALERT_DELIVERY_MAX_ATTEMPTS: wholeNumber(1, 50).default(8),
  ALERT_DELIVERY_TIMEOUT_MS: wholeNumber(100, 60_000).default(5_000),
  /** Reports (docs/reports.md): a period's scheduled report waits this long after the period ends, for late events. */
  REPORT_DELAY_MINUTES: wholeNumber(0, 1_440).default(60),
});
export type AnalyticsConfig = z.infer<typeof analyticsConfigSchema>;

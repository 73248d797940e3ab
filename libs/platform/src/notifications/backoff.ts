/** How long a failed delivery waits before its next attempt: doubling from `baseMs`, capped at `maxMs`. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 5_000, maxMs: 15 * 60_000 };

/**
 * The wait after the `failedAttempts`-th failure (1 → about baseMs): exponential, capped, with
 * "equal jitter" (half fixed, half random) so many notifications failing together at a gateway's
 * outage do not all come back in the same instant.
 */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  // 2^30 already exceeds any sensible cap; keeps the arithmetic finite for a row retried for months.
  const exponential = policy.baseMs * 2 ** Math.min(n - 1, 30);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped / 2 + (capped / 2) * Math.min(1, Math.max(0, random())));
}

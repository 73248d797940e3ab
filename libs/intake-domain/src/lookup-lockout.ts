// The public progress lookup (流水号 + 提取码) locks a request number after too many wrong codes,
// so the code cannot be guessed by trying them all: numbers are sequential per day, so an
// attacker always knows which ones exist. Unknown numbers count exactly like known ones, so the
// lock says nothing about whether a number exists.

/** How many wrong codes a number takes within a sliding window before it locks. */
export interface LookupLockoutPolicy {
  maxWrongCodes: number;
  windowMinutes: number;
}

/**
 * 5 in 15 minutes: a citizen who mistypes a code from an SMS gets it right within a few tries,
 * and then waits at most 15 minutes; a guesser gets at most 480 tries a day per number, which
 * against an 8-digit code is a chance of 1 in 208 000 a day (docs/security.md).
 */
export const DEFAULT_LOOKUP_LOCKOUT: LookupLockoutPolicy = { maxWrongCodes: 5, windowMinutes: 15 };

/**
 * Until when a number's lookups are locked, given its latest wrong codes (newest first, at least
 * the policy's maximum of them when there are that many): once `maxWrongCodes` fall within the
 * window, until the oldest of them leaves it. Undefined when open. A locked lookup is not a
 * wrong code, so a lock ends on time and does not extend itself.
 */
export function lookupLockedUntil(latestWrong: readonly Date[], policy: LookupLockoutPolicy, now: Date): Date | undefined {
  const oldestCounted = latestWrong[policy.maxWrongCodes - 1];
  if (!oldestCounted) return undefined;
  const until = new Date(oldestCounted.getTime() + policy.windowMinutes * 60_000);
  return until > now ? until : undefined;
}

/** Whole seconds until `until` for a Retry-After header, at least 1. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

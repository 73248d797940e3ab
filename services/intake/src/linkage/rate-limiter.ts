/**
 * A token bucket per peer: `ratePerSecond` calls a second on average, bursts up to the same
 * number. In memory, per replica: it protects this process from a peer that floods it, which is
 * what a rate limit at the edge is for (the durable state stays in PostgreSQL).
 */
export class PeerRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes a token for the peer; false when its bucket is empty. */
  take(peer: string, ratePerSecond: number): boolean {
    const t = this.now();
    const bucket = this.buckets.get(peer) ?? { tokens: ratePerSecond, at: t };
    bucket.tokens = Math.min(ratePerSecond, bucket.tokens + ((t - bucket.at) / 1000) * ratePerSecond);
    bucket.at = t;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(peer, bucket);
    return allowed;
  }
}

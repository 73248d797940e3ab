import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { ProblemError } from './problem';

export interface LimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window in which the count is kept ends. */
  resetS: number;
}

const WINDOW_S = 60;
/** Old windows are deleted about this often by each process (any replica's deletion serves all). */
const PRUNE_EVERY_MS = 60_000;

/**
 * Fixed one-minute windows counted in the service's PostgreSQL (an unlogged table: a crash
 * forgets at most a minute of counts), so every replica of a service counts the same calls: a
 * client spreading its calls over replicas meets the same limit. When the database cannot be
 * reached the limiter lets calls through: the call itself will meet the outage and say so
 * (503), and a limiter must not turn a blip into a refusal of everyone.
 */
export class SharedRateLimiter {
  private lastPrune = 0;
  /** Per key and window: the hits waiting for the statement in flight to end (see count). */
  private readonly queues = new Map<string, { waiting: Array<(count: number | undefined) => void> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  async hit(key: string, limit: number): Promise<LimitVerdict> {
    const nowS = Date.now() / 1000;
    const windowStart = Math.floor(nowS / WINDOW_S) * WINDOW_S;
    const resetS = Math.max(1, Math.ceil(windowStart + WINDOW_S - nowS));
    const count = await this.count(key, windowStart);
    if (count === undefined) return { allowed: true, limit, remaining: limit, resetS };
    this.prune();
    return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetS };
  }

  /**
   * Counts one hit in the shared window and answers its place in it (undefined: the database
   * could not be reached). Hits of one key that arrive while its statement is in flight are
   * counted together by the next one (`count + n`) and given consecutive places, as if they
   * had come one after another (issue 18: every staff call of a tenant hits one row, so under
   * load the calls queued on that row one statement each). No hit is answered before it is
   * counted in the table.
   */
  private count(key: string, windowStart: number): Promise<number | undefined> {
    const id = `${windowStart}:${key}`;
    const queued = this.queues.get(id);
    const answer = new Promise<number | undefined>((resolve) => {
      if (queued) queued.waiting.push(resolve);
      else {
        const queue = { waiting: [resolve] };
        this.queues.set(id, queue);
        void this.flush(id, key, windowStart, queue);
      }
    });
    return answer;
  }

  /** Counts the waiting hits of one key, a statement at a time, until none waits. */
  private async flush(id: string, key: string, windowStart: number, queue: { waiting: Array<(count: number | undefined) => void> }): Promise<void> {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0);
      let total: number | undefined;
      try {
        const [row]: Array<{ count: number }> = await this.dataSource.query(
          `insert into rate_limit_windows (key, window_start, count) values ($1, to_timestamp($2), $3)
           on conflict (key, window_start) do update set count = rate_limit_windows.count + excluded.count
           returning count`,
          [key, windowStart, batch.length],
        );
        total = Number(row?.count ?? batch.length);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'rate limiter unavailable; letting the call through');
      }
      const first = total === undefined ? undefined : total - batch.length + 1;
      batch.forEach((resolve, i) => resolve(first === undefined ? undefined : first + i));
    }
    this.queues.delete(id);
  }

  private prune(): void {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    void this.dataSource
      .query(`delete from rate_limit_windows where window_start < now() - interval '2 minutes'`)
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'pruning rate-limit windows failed'));
  }
}

/** The 429 problem of a limit met (the headers go with it: see limitHeaders). */
export function rateLimited(what: string, verdict: LimitVerdict): ProblemError {
  return new ProblemError(429, 'rate_limited', 'Too many requests', `rate limit of ${verdict.limit} requests per minute ${what} exceeded; retry in ${verdict.resetS} s`);
}

export function limitHeaders(verdict: LimitVerdict): Record<string, string> {
  return {
    'x-ratelimit-limit': String(verdict.limit),
    'x-ratelimit-remaining': String(verdict.remaining),
    'x-ratelimit-reset': String(verdict.resetS),
    ...(verdict.allowed ? {} : { 'retry-after': String(verdict.resetS) }),
  };
}

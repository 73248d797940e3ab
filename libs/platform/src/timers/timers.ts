import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { uuidv7 } from '../persistence/ids';
import type { Metrics } from '../observability/metrics';
import { BackgroundLoop } from '../service/background-loop';

export interface TimerSpec {
  tenantId: string;
  /** What fires: e.g. `sign-for-overdue`; selects the handler. */
  kind: string;
  /** Business key, unique per kind (e.g. the work-order id): scheduling again moves the timer. */
  key: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export interface DueTimer {
  id: string;
  tenantId: string;
  kind: string;
  key: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Runs in the firing transaction (tenant-scoped); its writes commit with the `fired` mark. */
export type TimerHandler = (timer: DueTimer, manager: EntityManager) => Promise<void>;

/** Schedules or cancels timers inside the caller's transaction. */
export const Timers = {
  async schedule(manager: EntityManager, spec: TimerSpec): Promise<void> {
    await manager.query(
      `insert into timers (id, tenant_id, kind, key, due_at, payload) values ($1, $2, $3, $4, $5, $6)
       on conflict (kind, key) do update
         set due_at = excluded.due_at, payload = excluded.payload, state = 'pending', attempts = 0, last_error = null,
             fired_at = null, fired_by = null`,
      [uuidv7(), spec.tenantId, spec.kind, spec.key, spec.dueAt, JSON.stringify(spec.payload ?? {})],
    );
  },
  /** Schedules like `schedule`, unless a pending timer of the same kind and key comes due no later already. */
  async scheduleNoLaterThan(manager: EntityManager, spec: TimerSpec): Promise<void> {
    await manager.query(
      `insert into timers (id, tenant_id, kind, key, due_at, payload) values ($1, $2, $3, $4, $5, $6)
       on conflict (kind, key) do update
         set due_at = excluded.due_at, payload = excluded.payload, state = 'pending', attempts = 0, last_error = null,
             fired_at = null, fired_by = null
         where not (timers.state = 'pending' and timers.due_at <= excluded.due_at)`,
      [uuidv7(), spec.tenantId, spec.kind, spec.key, spec.dueAt, JSON.stringify(spec.payload ?? {})],
    );
  },
  async cancel(manager: EntityManager, kind: string, key: string): Promise<void> {
    await manager.query(`update timers set state = 'cancelled' where kind = $1 and key = $2 and state = 'pending'`, [kind, key]);
  },
  /**
   * Schedules and cancels several timers at once, as `schedule` and `cancel` each would: every
   * schedule in one statement and every cancel in another (a work order's clocks, warnings and
   * urging are kept in step after each change; one round trip per timer was most of it, issue 18).
   * A kind and key may appear once in the plan.
   */
  async apply(manager: EntityManager, plan: TimerPlan): Promise<void> {
    if (plan.schedule.length > 0)
      await manager.query(
        `insert into timers (id, tenant_id, kind, key, due_at, payload)
         select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])
         on conflict (kind, key) do update
           set due_at = excluded.due_at, payload = excluded.payload, state = 'pending', attempts = 0, last_error = null,
               fired_at = null, fired_by = null`,
        [
          plan.schedule.map(() => uuidv7()),
          plan.schedule.map((t) => t.tenantId),
          plan.schedule.map((t) => t.kind),
          plan.schedule.map((t) => t.key),
          plan.schedule.map((t) => t.dueAt),
          plan.schedule.map((t) => JSON.stringify(t.payload ?? {})),
        ],
      );
    if (plan.cancel.length > 0)
      await manager.query(
        `update timers set state = 'cancelled'
         where state = 'pending' and (kind, key) in (select * from unnest($1::text[], $2::text[]))`,
        [plan.cancel.map((c) => c.kind), plan.cancel.map((c) => c.key)],
      );
  },
};

/** Timers to schedule (or move) and to cancel, applied together by `Timers.apply`. */
export interface TimerPlan {
  schedule: TimerSpec[];
  cancel: Array<{ kind: string; key: string }>;
}

/** Both plans in one. */
export function mergeTimerPlans(...plans: TimerPlan[]): TimerPlan {
  return { schedule: plans.flatMap((p) => p.schedule), cancel: plans.flatMap((p) => p.cancel) };
}

export interface TimerWorkerOptions {
  workerId: string;
  /** The longest wait between two looks at the table (`TIMER_POLL_MS`); sooner when a timer comes due sooner. */
  pollMs?: number;
  maxAttempts?: number;
  /** Timers claimed and fired in one transaction (TIMER_BATCH_SIZE). */
  batchSize?: number;
}

/**
 * Timers claimed per transaction (issue 12). One transaction per timer spent six round trips
 * and a commit on the platform's part of each firing: on two cores one worker fired about 300
 * timers a second with handlers that do nothing, against 1,000 a second (0.8 ms of wall time
 * each) in batches (bench/timers). Kept well under PostgreSQL's 64 cached subtransactions per
 * transaction (each timer's savepoint that writes is one).
 */
export const TIMER_BATCH_SIZE = 32;

/**
 * A batch takes no further timer once it has run this long: a slow handler (a webhook, a call
 * to another system) holds its neighbours' locks and the visibility of their effects only
 * until the batch commits, and the rest of the claimed timers go to the next batch.
 */
export const TIMER_BATCH_BUDGET_MS = 100;

/** The wait while due timers are held by another worker's batch, so the loop does not spin on them. */
const HELD_ELSEWHERE_WAIT_MS = 10;

/**
 * Where a look at the table starts: `-infinity`, or a lower bound of every pending timer's due
 * (the watermark). A fired timer's entry stays in `timers_due` until a vacuum: marked dead by
 * the first scan past it, yet still on the index's pages, at the very start of the range every
 * look reads. A vacuum comes after 20 % of the table has changed (autovacuum's default), which
 * with a million open orders means some 800,000 fired timers: about 2,200 index pages, 4 ms, on
 * every look. Starting from the watermark, a look reads only what fired since it was taken.
 */
const FROM_THE_START = '-infinity';

/**
 * The due timers this worker fires, earliest first, each locked until the transaction ends and
 * skipped by every other worker meanwhile: an index range scan of `timers_due` (partial on
 * pending, ordered by due_at) from `$3` (the watermark, or -infinity) up to now. What is pending
 * later, however much, is never read. Exported for the benchmark's EXPLAIN (bench/timers).
 */
export const CLAIM_DUE_TIMERS_SQL = `select id, tenant_id, kind, key, due_at, due_at::text as due_at_exact, payload, attempts from timers
   where state = 'pending' and due_at >= $3::timestamptz and due_at <= now() and kind = any($1)
   order by due_at limit $2 for update skip locked`;

/**
 * The earliest pending due of these kinds from `$2` on (the same index, its first live entry),
 * as text (microseconds kept, for the next watermark), and the milliseconds until it (≤ 0:
 * due now); nulls when none is pending.
 */
export const NEXT_DUE_SQL = `select min(due_at)::text as at, extract(epoch from min(due_at) - clock_timestamp()) * 1000 as ms from timers
   where state = 'pending' and due_at >= $2::timestamptz and kind = any($1)`;

type Outcome = { kind: string; result: 'fired' | 'retried' | 'failed' };

/**
 * Fires due timers. They are claimed in batches with FOR UPDATE SKIP LOCKED, so any number of
 * workers share the table and never claim the same timer; each runs its handler under its own
 * savepoint and tenant, and the batch's handler writes commit together with the `fired` marks.
 * A crash before the commit leaves the whole batch pending, to be claimed again (at least once;
 * once in effect). A failing handler is rolled back to its savepoint alone and retried with
 * backoff, then marked failed with its error (kept, never lost). Between passes the worker
 * sleeps until the next timer comes due, at most `pollMs`: a timer scheduled by another
 * transaction meanwhile is seen within `pollMs`.
 *
 * Its looks start at a watermark, the earliest pending due its last look found: nothing pending
 * then was earlier, and what is fired since lies above it. A timer scheduled afterwards with an
 * earlier due (one already past, or moved earlier) is below it: every `pollMs` a look starts
 * from the beginning of the index again, so such a timer, too, is seen within `pollMs`.
 */
export class TimerWorker {
  private readonly loop: BackgroundLoop;
  private readonly kinds: string[];
  private watermark = FROM_THE_START;
  private lastFullLook = -Infinity;

  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: Record<string, TimerHandler>,
    private readonly logger: Logger,
    private readonly options: TimerWorkerOptions,
    private readonly metrics?: Metrics,
  ) {
    const pollMs = options.pollMs ?? 500;
    this.kinds = Object.keys(handlers);
    this.loop = new BackgroundLoop('timer', () => this.pass(pollMs), logger, pollMs);
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Fires every timer due now, from the start of the index; returns how many were claimed (fired, retried or failed). */
  fireDue(): Promise<number> {
    return this.fireFrom(FROM_THE_START);
  }

  /** Fires what is due from `from` on, batch after batch; each pass of the loop calls it once (bench/timers times it). */
  protected async fireFrom(from: string): Promise<number> {
    let claimed = 0;
    for (;;) {
      const batch = await this.fireBatch(from);
      claimed += batch.claimed;
      if (!batch.more) return claimed;
    }
  }

  /** One look: fire what is due, then the wait until the next timer comes due (bounded by pollMs). */
  private async pass(pollMs: number): Promise<number> {
    if (this.kinds.length === 0) return pollMs;
    const full = performance.now() - this.lastFullLook >= pollMs;
    if (full) this.lastFullLook = performance.now();
    const from = full ? FROM_THE_START : this.watermark;
    const [next] = await this.dataSource.query(NEXT_DUE_SQL, [this.kinds, from]);
    // Nothing pending from there on: the watermark stays (still below everything pending).
    if (next?.at === null || next?.at === undefined) return pollMs;
    this.watermark = next.at;
    const untilDue = Number(next.ms);
    if (untilDue > 0) return Math.min(pollMs, Math.ceil(untilDue));
    // Due now: fire, then look again at once; nothing claimed means another worker holds them.
    return (await this.fireFrom(this.watermark)) > 0 ? 0 : Math.min(pollMs, HELD_ELSEWHERE_WAIT_MS);
  }

  /** Claims up to a batch of due timers (from `from` on) and fires them in one transaction; `more` when more may be due. */
  private async fireBatch(from: string): Promise<{ claimed: number; more: boolean }> {
    if (this.kinds.length === 0) return { claimed: 0, more: false };
    const size = this.options.batchSize ?? TIMER_BATCH_SIZE;
    const outcomes: Outcome[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const rows: Array<Record<string, unknown>> = await manager.query(CLAIM_DUE_TIMERS_SQL, [this.kinds, size, from]);
      // By tenant and key: the tenant is set once per run of them, and two workers' batches take
      // the locks of the same orders in the same order (no deadlock between them).
      // The due as claimed, to the microsecond (a Date keeps milliseconds): the fired mark below
      // compares it with the row's due to see whether the handler scheduled the key again.
      const claimedDue = new Map(rows.map((r) => [r.id as string, r.due_at_exact as string]));
      const timers = rows.map(dueTimerOf).sort((a, b) => compare(a.tenantId, b.tenantId) || compare(a.key, b.key) || a.dueAt.getTime() - b.dueAt.getTime());
      const started = performance.now();
      const fired: DueTimer[] = [];
      const failures: Array<{ timer: DueTimer; err: unknown }> = [];
      let tenant: string | undefined;
      let savepoint = false;
      for (const timer of timers) {
        if (fired.length + failures.length > 0 && performance.now() - started > TIMER_BATCH_BUDGET_MS) break;
        if (timer.tenantId !== tenant) {
          await manager.query(`select set_config('app.tenant_id', $1, true)`, [timer.tenantId]);
          tenant = timer.tenantId;
        }
        // Released and the next taken in one round trip (the inbox consumer does the same).
        await manager.query(savepoint ? 'release savepoint timer_handler; savepoint timer_handler' : 'savepoint timer_handler');
        savepoint = true;
        try {
          await this.handlers[timer.kind](timer, manager);
          fired.push(timer);
        } catch (err) {
          await manager.query('rollback to savepoint timer_handler');
          failures.push({ timer, err });
        }
      }
      // The marks are written by the transaction itself, not under the last savepoint: a timer
      // locked FOR UPDATE by the transaction and updated by a subtransaction gets a MultiXact
      // xmax, which index scans never take for dead, so every later claim would step over the
      // fired timers' entries in timers_due (and visit their rows) until the next vacuum.
      if (savepoint) await manager.query('release savepoint timer_handler');
      for (const { timer, err } of failures) outcomes.push({ kind: timer.kind, result: await this.recordFailure(manager, timer, err) });
      // fired_at: when the batch's effects are about to commit, not when it was claimed. Only
      // a timer still due when it was claimed: a handler that scheduled its own key again (the
      // next step of a recurring job) moved the row's due, and that schedule must stand.
      if (fired.length > 0)
        await manager.query(
          `update timers t set state = 'fired', fired_at = clock_timestamp(), fired_by = $3, attempts = t.attempts + 1
             from unnest($1::uuid[], $2::timestamptz[]) as f(id, due_at)
            where t.id = f.id and t.due_at = f.due_at and t.state = 'pending'`,
          [fired.map((t) => t.id), fired.map((t) => claimedDue.get(t.id)), this.options.workerId],
        );
      for (const timer of fired) outcomes.push({ kind: timer.kind, result: 'fired' });
      const claimed = fired.length + failures.length;
      return { claimed, more: rows.length === size || claimed < rows.length };
    });
    // Counted once committed: a batch rolled back fires again, and counts then.
    for (const o of outcomes) this.metrics?.timersFired.inc({ kind: o.kind, result: o.result });
    return result;
  }

  private async recordFailure(manager: EntityManager, timer: DueTimer, err: unknown): Promise<'retried' | 'failed'> {
    const attempts = timer.attempts + 1;
    const failed = attempts >= (this.options.maxAttempts ?? 5);
    await manager.query(
      `update timers set attempts = $2, last_error = $3,
         state = case when $4 then 'failed' else 'pending' end,
         due_at = case when $4 then due_at else now() + make_interval(secs => $5) end
       where id = $1`,
      [timer.id, attempts, String((err as Error).message ?? err).slice(0, 500), failed, Math.min(300, 2 ** attempts)],
    );
    this.logger.warn({ timerId: timer.id, kind: timer.kind, attempts, failed, err: (err as Error).message }, 'timer handler failed');
    return failed ? 'failed' : 'retried';
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function dueTimerOf(row: Record<string, unknown>): DueTimer {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    kind: row.kind as string,
    key: row.key as string,
    dueAt: row.due_at as Date,
    payload: row.payload as Record<string, unknown>,
    attempts: row.attempts as number,
  };
}

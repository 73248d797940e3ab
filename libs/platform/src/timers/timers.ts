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
  async cancel(manager: EntityManager, kind: string, key: string): Promise<void> {
    await manager.query(`update timers set state = 'cancelled' where kind = $1 and key = $2 and state = 'pending'`, [kind, key]);
  },
};

export interface TimerWorkerOptions {
  workerId: string;
  pollMs?: number;
  maxAttempts?: number;
}

/**
 * Fires due timers. Each is claimed with FOR UPDATE SKIP LOCKED and fired in its own
 * transaction together with its handler's writes, so any number of workers share the table
 * and every timer fires exactly once. A failing handler is retried with backoff, then marked
 * failed with its error (kept, never lost).
 */
export class TimerWorker {
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: Record<string, TimerHandler>,
    private readonly logger: Logger,
    private readonly options: TimerWorkerOptions,
    private readonly metrics?: Metrics,
  ) {
    const pollMs = options.pollMs ?? 500;
    this.loop = new BackgroundLoop(
      'timer',
      async () => {
        await this.fireDue();
        return pollMs;
      },
      logger,
      pollMs,
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Fires every timer due now; returns how many were claimed. */
  async fireDue(): Promise<number> {
    let claimed = 0;
    while (await this.fireOne()) claimed++;
    return claimed;
  }

  private async fireOne(): Promise<boolean> {
    const kinds = Object.keys(this.handlers);
    if (kinds.length === 0) return false;
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query(
        `select id, tenant_id, kind, key, due_at, payload, attempts from timers
         where state = 'pending' and due_at <= now() and kind = any($1)
         order by due_at limit 1 for update skip locked`,
        [kinds],
      );
      if (rows.length === 0) return false;
      const row = rows[0];
      const timer: DueTimer = {
        id: row.id,
        tenantId: row.tenant_id,
        kind: row.kind,
        key: row.key,
        dueAt: row.due_at,
        payload: row.payload,
        attempts: row.attempts,
      };
      await manager.query(`select set_config('app.tenant_id', $1, true)`, [timer.tenantId]);
      await manager.query('savepoint timer_handler');
      try {
        await this.handlers[timer.kind](timer, manager);
        await manager.query(
          `update timers set state = 'fired', fired_at = now(), fired_by = $2, attempts = attempts + 1 where id = $1`,
          [timer.id, this.options.workerId],
        );
        this.metrics?.timersFired.inc({ kind: timer.kind, result: 'fired' });
      } catch (err) {
        await manager.query('rollback to savepoint timer_handler');
        const attempts = timer.attempts + 1;
        const failed = attempts >= (this.options.maxAttempts ?? 5);
        await manager.query(
          `update timers set attempts = $2, last_error = $3,
             state = case when $4 then 'failed' else 'pending' end,
             due_at = case when $4 then due_at else now() + make_interval(secs => $5) end
           where id = $1`,
          [timer.id, attempts, String((err as Error).message ?? err).slice(0, 500), failed, Math.min(300, 2 ** attempts)],
        );
        this.metrics?.timersFired.inc({ kind: timer.kind, result: failed ? 'failed' : 'retried' });
        this.logger.warn({ timerId: timer.id, kind: timer.kind, attempts, failed, err: (err as Error).message }, 'timer handler failed');
      }
      return true;
    });
  }
}

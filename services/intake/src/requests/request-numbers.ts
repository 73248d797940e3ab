import { Pool, PoolClient } from 'pg';
import { formatRequestNumber, MAX_DAILY_SEQUENCE, shanghaiLocalDate } from '@hotline/intake-domain';
import { ProblemError } from '@hotline/platform';

interface Waiter {
  resolve(number: string): void;
  reject(error: unknown): void;
}

/**
 * Hands out 流水号, the day's numbers of each tenant (ADR 0022).
 *
 * The day's counter row used to be updated inside each acceptance's own transaction, so its row
 * lock was held until that call committed (with an Idempotency-Key, for the whole call) and a
 * tenant's acceptances ran one at a time: 30 a second from 32 clients (issue 18). Numbers now
 * come from a connection of this allocator's own, in short committed updates, each serving every
 * acceptance that is waiting at that moment (one update for 1 or 40 numbers).
 *
 * Its own connection, never one of the service's pool: a call that holds a pooled connection
 * must not wait for a second one, for when every call does, none is ever freed.
 *
 * The price: a number taken by an acceptance that then fails (a database error after it, a
 * crash) is not handed out again, so a day's numbers can have gaps. They are never repeated,
 * and within one intake process they rise with the order acceptances asked for them.
 */
export class RequestNumbers {
  private readonly pool: Pool;
  /** Acceptances waiting for a number, by tenant and local day. */
  private readonly waiting = new Map<string, Waiter[]>();
  private readonly allocating = new Set<string>();

  constructor(databaseUrl: string) {
    this.pool = new Pool({
      connectionString: databaseUrl,
      max: 1,
      // The connection goes when idle, and an idle one never keeps the process alive.
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      connectionTimeoutMillis: 10_000,
      application_name: 'intake-request-numbers',
    });
    // A connection lost while idle is replaced at the next use; the error is not the caller's.
    this.pool.on('error', () => undefined);
  }

  /** The next 流水号 of the tenant for the local day of `at`. */
  next(tenantId: string, at: Date): Promise<string> {
    const localDate = shanghaiLocalDate(at);
    const key = `${tenantId} ${localDate}`;
    return new Promise<string>((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ resolve, reject });
      this.waiting.set(key, queue);
      if (!this.allocating.has(key)) void this.allocate(key, tenantId, localDate);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Serves the key's waiters, a batch per update, until none is left. */
  private async allocate(key: string, tenantId: string, localDate: string): Promise<void> {
    this.allocating.add(key);
    try {
      for (let batch = this.take(key); batch.length > 0; batch = this.take(key)) {
        try {
          const last = await this.reserve(tenantId, localDate, batch.length);
          batch.forEach((waiter, i) => {
            const sequence = last - batch.length + 1 + i;
            if (sequence > MAX_DAILY_SEQUENCE) waiter.reject(new ProblemError(503, 'daily_numbers_exhausted', 'No request numbers left today'));
            else waiter.resolve(formatRequestNumber(tenantId, localDate, sequence));
          });
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
      }
    } finally {
      this.allocating.delete(key);
    }
  }

  private take(key: string): Waiter[] {
    const batch = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    return batch;
  }

  /** Adds `count` to the day's counter in a transaction of its own; returns the last number reserved. */
  private async reserve(tenantId: string, localDate: string, count: number): Promise<number> {
    const client: PoolClient = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      const { rows } = await client.query<{ last_sequence: number }>(
        `insert into request_number_counters (tenant_id, local_date, last_sequence) values ($1, $2, $3)
         on conflict (tenant_id, local_date) do update set last_sequence = request_number_counters.last_sequence + $3
         returning last_sequence`,
        [tenantId, localDate, count],
      );
      await client.query('commit');
      return Number(rows[0]?.last_sequence);
    } catch (error) {
      broken = error as Error;
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      // A connection that failed mid-transaction is dropped rather than handed to the next batch.
      client.release(broken);
    }
  }
}

import { headers as natsHeaders } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { EventHeader } from '@hotline/contracts';
import type { Metrics } from '../observability/metrics';
import { BackgroundLoop } from '../service/background-loop';
import type { EventBus } from './event-bus';

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  payload: Buffer;
  headers: Record<string, string>;
}

export interface RelayOptions {
  pollMs?: number;
  batchSize?: number;
  maxBackoffMs?: number;
}

/** Key of the transaction advisory lock that makes one relay per database the publisher. */
const RELAY_LOCK = 0x68_6c_6f_75; // "hlou"

/**
 * Publishes outbox rows to JetStream in `seq` order with `Nats-Msg-Id` = row id, and marks
 * them published only after JetStream acknowledged them.
 *
 * Ordering: one relay at a time holds the advisory lock (others idle), rows go out in `seq`
 * order, and a batch stops at its first failure, so no event overtakes an earlier one of the
 * same aggregate. A crash after publishing but before commit republishes the same ids:
 * JetStream drops them inside its duplicate window, consumers' inboxes after it.
 */
export class OutboxRelay {
  private readonly loop: BackgroundLoop;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
    private readonly options: RelayOptions = {},
  ) {
    this.loop = new BackgroundLoop('outbox relay', () => this.pass(), logger, options.pollMs ?? 100);
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass: publishes up to a batch; returns how many rows it published, -1 when blocked. */
  async publishPending(): Promise<number> {
    const batch = this.options.batchSize ?? 100;
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`select pg_try_advisory_xact_lock($1) as locked`, [RELAY_LOCK]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `select seq, id, subject, payload, headers from outbox where published_at is null order by seq limit $1`,
        [batch],
      );
      const published: string[] = [];
      let failed = false;
      for (const row of rows) {
        try {
          const h = natsHeaders();
          for (const [k, v] of Object.entries(row.headers)) h.set(k, v);
          h.set(EventHeader.msgId, row.id);
          await this.bus.js.publish(row.subject, row.payload, { msgID: row.id, headers: h, timeout: 5_000 });
          published.push(row.seq);
        } catch (err) {
          this.metrics?.outboxErrors.inc();
          await manager.query(`update outbox set attempts = attempts + 1, last_error = $2 where seq = $1`, [
            row.seq,
            String((err as Error).message ?? err).slice(0, 500),
          ]);
          failed = true;
          break;
        }
      }
      if (published.length > 0) {
        await manager.query(`update outbox set published_at = now() where seq = any($1::bigint[])`, [published]);
        this.metrics?.outboxPublished.inc(published.length);
      }
      return failed && published.length === 0 ? -1 : published.length;
    });
  }

  /** One pass and the wait before the next: none while there is more, backoff while publishing fails. */
  private async pass(): Promise<number> {
    const pollMs = this.options.pollMs ?? 100;
    let published: number;
    try {
      published = await this.publishPending();
    } catch (err) {
      published = -1;
      this.logger.warn({ err: (err as Error).message }, 'outbox relay pass failed');
    }
    if (published < 0) {
      this.failures++;
      if (this.failures === 1) this.logger.warn('outbox relay cannot publish; retrying with backoff');
      return Math.min(this.options.maxBackoffMs ?? 5_000, pollMs * 2 ** this.failures);
    }
    this.failures = 0;
    return published > 0 ? 0 : pollMs;
  }
}

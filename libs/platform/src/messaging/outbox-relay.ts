import { headers as natsHeaders } from '@nats-io/transport-node';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { EventHeader } from '@hotline/contracts';
import type { Metrics } from '../observability/metrics';
import { BackgroundLoop } from '../service/background-loop';
import type { EventBus } from './event-bus';

interface OutboxRow {
  seq: string;
  id: string;
  aggregate_id: string;
  subject: string;
  payload: Buffer;
  headers: Record<string, string>;
}

export interface RelayOptions {
  /** Fallback polling while no commit notification arrives (the listener reconnects, or is off). */
  pollMs?: number;
  batchSize?: number;
  maxBackoffMs?: number;
  /** Wake on commit through LISTEN/NOTIFY (default true). */
  listen?: boolean;
  /** Fallback polling while the listener is connected and every commit wakes the relay (default 1,000 ms). */
  listeningPollMs?: number;
}

/** Key of the transaction advisory lock that makes one relay per database the publisher. */
const RELAY_LOCK = 0x68_6c_6f_75; // "hlou"
/** The channel the outbox's insert trigger notifies at commit (PlatformOutboxNotify migration). */
export const OUTBOX_CHANNEL = 'hl_outbox';

/**
 * Publishes outbox rows to JetStream with `Nats-Msg-Id` = row id, and marks them published only
 * after JetStream acknowledged them.
 *
 * Ordering: one relay at a time holds the advisory lock (others idle). Within a batch, each
 * aggregate's rows are published one after another in `seq` order and its chain stops at its
 * first failure, while different aggregates' chains run side by side (issue 18: acks no longer
 * wait for each other one by one). So no event overtakes an earlier one of the same aggregate;
 * order across aggregates was never promised. A crash after publishing but before commit
 * republishes the same ids: JetStream drops them inside its duplicate window, inboxes after it.
 *
 * Latency: a trigger notifies the relay at every commit that wrote outbox rows, so it publishes
 * at once instead of on its next poll; polling stays as the fallback.
 */
export class OutboxRelay {
  private readonly loop: BackgroundLoop;
  private failures = 0;
  private listener?: Client;
  private listening = false;
  /** LISTEN is in effect: commits wake the relay, so polling is only a safety net. */
  private notified = false;

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
    if (this.options.listen ?? true) {
      this.listening = true;
      void this.listen();
    }
  }

  async stop(): Promise<void> {
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
    await this.loop.stop();
  }

  /** One pass: publishes up to a batch; returns how many rows it published, -1 when blocked. */
  async publishPending(): Promise<number> {
    const batch = this.options.batchSize ?? 200;
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`select pg_try_advisory_xact_lock($1) as locked`, [RELAY_LOCK]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `select seq, id, aggregate_id, subject, payload, headers from outbox where published_at is null order by seq limit $1`,
        [batch],
      );
      const chains = new Map<string, OutboxRow[]>();
      for (const row of rows) chains.set(row.aggregate_id, [...(chains.get(row.aggregate_id) ?? []), row]);
      const results = await Promise.all([...chains.values()].map((chain) => this.publishChain(manager, chain)));
      const published = results.flatMap((r) => r.published);
      if (published.length > 0) {
        await manager.query(`update outbox set published_at = now() where seq = any($1::bigint[])`, [published]);
        this.metrics?.outboxPublished.inc(published.length);
      }
      return results.some((r) => r.failed) && published.length === 0 ? -1 : published.length;
    });
  }

  /** One aggregate's rows, in order, each after the previous one's ack; stops at the first failure. */
  private async publishChain(manager: EntityManager, chain: OutboxRow[]): Promise<{ published: string[]; failed: boolean }> {
    const published: string[] = [];
    for (const row of chain) {
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
        return { published, failed: true };
      }
    }
    return { published, failed: false };
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
    return published > 0 ? 0 : this.idleWaitMs(pollMs);
  }

  /**
   * How long an idle relay waits for its next look. While it listens, every commit that writes
   * outbox rows wakes it, so it polls only as a safety net (issue 18: five services polling every
   * 100 ms made some 200 idle transactions a second on a shared server); without the listener
   * it polls at pollMs as before.
   */
  private idleWaitMs(pollMs: number): number {
    return this.notified ? Math.max(pollMs, this.options.listeningPollMs ?? 1_000) : pollMs;
  }

  /** Keeps a connection that LISTENs for the outbox's commit notifications, reconnecting while the relay runs. */
  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    while (this.listening) {
      const client = new Client({ connectionString: url, application_name: 'hotline-outbox-listener' });
      this.listener = client;
      try {
        await client.connect();
        client.on('notification', () => this.loop.wake());
        await client.query(`listen ${OUTBOX_CHANNEL}`);
        this.notified = true;
        this.loop.wake(); // rows committed while it was not listening
        await new Promise<void>((resolve) => {
          client.once('error', () => resolve());
          client.once('end', () => resolve());
        });
      } catch {
        // The database is away: polling carries on; try again shortly.
      }
      this.notified = false;
      this.loop.wake(); // back to polling at once: a commit may have come while the connection broke
      await client.end().catch(() => undefined);
      if (this.listening) await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';

/** One NATS connection with its JetStream handles, plus the event namespace (see contracts). */
export class EventBus {
  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly namespace: string,
  ) {}

  /** Connects and keeps reconnecting for ever: an outage delays events, it never loses them. */
  static async connect(url: string, name: string, namespace = ''): Promise<EventBus> {
    const nc = await connect({
      servers: url,
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      pingInterval: 10_000,
    });
    const jsm = await jetstreamManager(nc, { timeout: 5_000 });
    return new EventBus(nc, jetstream(nc, { timeout: 5_000 }), jsm, namespace);
  }

  /** True when a round trip to the server succeeds within the timeout. */
  async isReachable(timeoutMs = 1_000): Promise<boolean> {
    if (this.nc.isClosed()) return false;
    try {
      await Promise.race([
        this.nc.flush(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.nc.isClosed()) return;
    await this.nc.drain().catch(() => this.nc.close());
  }
}

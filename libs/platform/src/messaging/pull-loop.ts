import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { EventBus } from './event-bus';

/**
 * Pulls a durable consumer's messages one at a time for as long as it runs, re-attaching after
 * the broker goes away (the consumer and its unacked messages live on the server). `onMessage`
 * must settle every message itself (ack, nak or term) and never throw; if it does, the message
 * is nak'ed so that it comes back, and the loop goes on with the rest of the batch.
 */
export class PullLoop {
  private running = false;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly bus: EventBus,
    private readonly stream: string,
    private readonly durable: string,
    private readonly onMessage: (message: JsMsg) => Promise<void>,
    private readonly logger: Logger,
    private readonly batch = 64,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    // close() settles only once the iterator has been drained, which the loop does: don't await it.
    void this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const consumer: Consumer = await this.bus.js.consumers.get(this.stream, this.durable);
        this.messages = await consumer.consume({ max_messages: this.batch });
        // stop() may have run while the subscription was being set up, before it could close it.
        if (!this.running) void this.messages.close().catch(() => undefined);
        for await (const message of this.messages) {
          // After stop(), leave what is still buffered unacked: JetStream redelivers it.
          if (!this.running) continue;
          await this.onMessage(message).catch((err: Error) => {
            this.logger.error({ consumer: this.durable, err: err.message }, 'message handler threw; the message will come back');
            message.nak(1_000);
          });
        }
      } catch (err) {
        if (!this.running) break;
        this.logger.warn({ consumer: this.durable, err: (err as Error).message }, 'consumer loop restarting');
        await new Promise((r) => setTimeout(r, 1_000));
      }
      this.messages = undefined;
    }
  }
}

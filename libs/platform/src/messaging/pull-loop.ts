import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { EventBus } from './event-bus';

const TICK = Symbol('tick');
/** Resolves after the messages already buffered have been handed over (I/O and microtasks first). */
const tick = () => new Promise<typeof TICK>((resolve) => setImmediate(() => resolve(TICK)));

/**
 * Pulls a durable consumer's messages for as long as it runs, re-attaching after the broker
 * goes away (the consumer and its unacked messages live on the server). Messages come to
 * `onMessages` in delivery order, as many at a time as have already arrived (up to `batch`), so
 * a busy consumer can apply them in one transaction while a quiet one handles each at once.
 * `onMessages` must settle every message itself (ack, nak or term) and never throw; if it does,
 * the batch is nak'ed so that it comes back, and the loop goes on.
 */
export class PullLoop {
  private running = false;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly bus: EventBus,
    private readonly stream: string,
    private readonly durable: string,
    private readonly onMessages: (messages: JsMsg[]) => Promise<void>,
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
        await this.drain(this.messages);
      } catch (err) {
        if (!this.running) break;
        this.logger.warn({ consumer: this.durable, err: (err as Error).message }, 'consumer loop restarting');
        await new Promise((r) => setTimeout(r, 1_000));
      }
      this.messages = undefined;
    }
  }

  private async drain(messages: AsyncIterable<JsMsg>): Promise<void> {
    const it = messages[Symbol.asyncIterator]();
    let next = it.next();
    for (;;) {
      const first = await next;
      if (first.done) return;
      const batch = [first.value];
      next = it.next();
      let ended = false;
      while (batch.length < this.batch) {
        const more = await Promise.race([next, tick()]);
        if (more === TICK) break;
        if (more.done) {
          ended = true;
          break;
        }
        batch.push(more.value);
        next = it.next();
      }
      // After stop(), leave what is still buffered unacked: JetStream redelivers it.
      if (this.running)
        await this.onMessages(batch).catch((err: Error) => {
          this.logger.error({ consumer: this.durable, err: err.message }, 'message handler threw; the messages will come back');
          for (const m of batch) m.nak(1_000);
        });
      if (ended) return;
    }
  }
}

import { context as otelContext, trace } from '@opentelemetry/api';
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { ConsumerSpec, EventDefinition, EventHeader, EventsByType, streamOf } from '@hotline/contracts';
import { inTenantTransaction } from '../persistence/data-source';
import type { Metrics } from '../observability/metrics';
import { contextFromHeaders } from '../observability/propagation';
import type { EventBus } from './event-bus';
import { DEFAULT_MAX_DELIVER } from './provisioning';

export interface ReceivedEvent<T = unknown> {
  id: string;
  tenantId: string;
  type: string;
  subject: string;
  definition: EventDefinition<T>;
  payload: T;
  /** When JetStream stored the message. */
  publishedAt: Date;
  deliveryCount: number;
}

/** Applies one event inside the consumer's transaction (tenant-scoped, inbox row already written). */
export type EventHandler = (event: ReceivedEvent, manager: EntityManager) => Promise<void>;

export interface InboxConsumerOptions {
  maxDeliver?: number;
  /** Redelivery delay after the n-th failed delivery (1-based). */
  backoffMs?: (delivery: number) => number;
  batch?: number;
  /**
   * Event types the handler applies; others of a whole-stream consumer are acked without a
   * transaction or an inbox row (nothing to apply, nothing to deduplicate). Default: every type.
   */
  accepts?: (type: string) => boolean;
}

const defaultBackoff = (delivery: number) => Math.min(30_000, 250 * 2 ** (delivery - 1));

class PoisonMessage extends Error {}

function headersOf(message: JsMsg): Record<string, string> {
  const headers: Record<string, string> = {};
  const h = message.headers;
  if (h) for (const key of h.keys()) headers[key] = h.get(key);
  return headers;
}

/**
 * Durable pull consumer with an inbox: the effect and the inbox row (consumer, Nats-Msg-Id)
 * commit together, then the message is acked. A redelivery at any later time finds the inbox
 * row and changes nothing. Failures are retried with backoff up to maxDeliver; a message that
 * cannot be decoded, or still fails on its last delivery, is recorded in dead_letters and
 * terminated, never dropped silently.
 */
export class InboxConsumer {
  private running = false;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly bus: EventBus,
    private readonly dataSource: DataSource,
    private readonly spec: ConsumerSpec,
    private readonly handler: EventHandler,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
    private readonly options: InboxConsumerOptions = {},
  ) {}

  get name(): string {
    return this.spec.durable;
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
    const stream = streamOf(this.bus.namespace, this.spec.producer).name;
    while (this.running) {
      try {
        const consumer: Consumer = await this.bus.js.consumers.get(stream, this.spec.durable);
        this.messages = await consumer.consume({ max_messages: this.options.batch ?? 64 });
        // stop() may have run while the subscription was being set up, before it could close it.
        if (!this.running) void this.messages.close().catch(() => undefined);
        for await (const message of this.messages) {
          // After stop(), leave what is still buffered unacked: JetStream redelivers it.
          if (this.running) await this.handle(message);
        }
      } catch (err) {
        if (!this.running) break;
        this.logger.warn({ consumer: this.spec.durable, err: (err as Error).message }, 'consumer loop restarting');
        await new Promise((r) => setTimeout(r, 1_000));
      }
      this.messages = undefined;
    }
  }

  /** Processes one message; exposed for tests that drive deliveries by hand. */
  async handle(message: JsMsg): Promise<void> {
    const delivery = message.info.deliveryCount;
    const maxDeliver = this.options.maxDeliver ?? DEFAULT_MAX_DELIVER;
    let event: ReceivedEvent;
    try {
      event = this.decode(message);
    } catch (err) {
      await this.poison(message, (err as Error).message);
      return;
    }
    if (this.options.accepts && !this.options.accepts(event.type)) {
      message.ack();
      this.metrics?.inboxProcessed.inc({ consumer: this.spec.durable, result: 'ignored' });
      return;
    }
    const headers = headersOf(message);
    const span = trace
      .getTracer('hotline-messaging')
      .startSpan(`consume ${this.spec.durable}`, { attributes: { 'messaging.message.id': event.id } }, contextFromHeaders(headers));
    try {
      const applied = await otelContext.with(trace.setSpan(otelContext.active(), span), () =>
        inTenantTransaction(this.dataSource, event.tenantId, async (manager) => {
          const inserted = await manager.query(
            `insert into inbox (consumer, message_id, tenant_id, event_type, subject) values ($1, $2, $3, $4, $5)
             on conflict do nothing returning message_id`,
            [this.spec.durable, event.id, event.tenantId, event.type, event.subject],
          );
          if (inserted.length === 0) return false;
          await this.handler(event, manager);
          return true;
        }),
      );
      message.ack();
      this.metrics?.inboxProcessed.inc({ consumer: this.spec.durable, result: applied ? 'applied' : 'duplicate' });
    } catch (err) {
      const reason = (err as Error).message ?? String(err);
      if (delivery >= maxDeliver) {
        await this.poison(message, `failed on delivery ${delivery}/${maxDeliver}: ${reason}`);
      } else {
        message.nak((this.options.backoffMs ?? defaultBackoff)(delivery));
        this.metrics?.inboxProcessed.inc({ consumer: this.spec.durable, result: 'retried' });
        this.logger.warn({ consumer: this.spec.durable, messageId: event.id, delivery, err: reason }, 'event failed; will retry');
      }
    } finally {
      span.end();
    }
  }

  private decode(message: JsMsg): ReceivedEvent {
    const id = message.headers?.get(EventHeader.msgId);
    const tenantId = message.headers?.get(EventHeader.tenant);
    const type = message.headers?.get(EventHeader.type);
    if (!id || !tenantId || !type) throw new PoisonMessage('missing Nats-Msg-Id, hl-tenant or hl-type header');
    const definition = EventsByType.get(type);
    if (!definition) throw new PoisonMessage(`unknown event type ${type}`);
    let payload: unknown;
    try {
      payload = definition.codec.decode(message.data);
    } catch (err) {
      throw new PoisonMessage(`undecodable ${type} payload: ${(err as Error).message}`);
    }
    const publishedAt = new Date(Number(message.info.timestampNanos / 1_000_000));
    return { id, tenantId, type, subject: message.subject, definition, payload, publishedAt, deliveryCount: message.info.deliveryCount };
  }

  private async poison(message: JsMsg, error: string): Promise<void> {
    const headers = headersOf(message);
    await this.dataSource.query(
      `insert into dead_letters (consumer, message_id, subject, event_type, tenant_id, headers, payload, deliveries, error)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        this.spec.durable,
        headers[EventHeader.msgId] ?? null,
        message.subject,
        headers[EventHeader.type] ?? null,
        headers[EventHeader.tenant] ?? null,
        JSON.stringify(headers),
        Buffer.from(message.data),
        message.info.deliveryCount,
        error,
      ],
    );
    message.term(error.slice(0, 200));
    this.metrics?.inboxProcessed.inc({ consumer: this.spec.durable, result: 'poisoned' });
    this.logger.error({ consumer: this.spec.durable, subject: message.subject, err: error }, 'poison message recorded and terminated');
  }
}

import { context as otelContext, trace } from '@opentelemetry/api';
import type { JsMsg } from '@nats-io/jetstream';
import type { Subscription } from '@nats-io/transport-node';
import { DataSource, EntityManager } from 'typeorm';
import type { Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { ConsumerSpec, EventDefinition, EventHeader, EventsByType, streamOf } from '@hotline/contracts';
import { isTransientError } from '../persistence/transient-errors';
import type { Metrics } from '../observability/metrics';
import { contextFromHeaders } from '../observability/propagation';
import { DeadLetter, deadLetterOf, DeadLetterBox, headersOf } from './dead-letters';
import type { EventBus } from './event-bus';
import { PullLoop } from './pull-loop';

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
  /** Attempts at an event that fails deterministically before it becomes a dead letter. Default 5. */
  maxAttempts?: number;
  /** Redelivery delay after the n-th failed delivery (1-based). */
  backoffMs?: (delivery: number) => number;
  batch?: number;
  /**
   * Event types the handler applies; others of a whole-stream consumer are acked without a
   * transaction or an inbox row (nothing to apply, nothing to deduplicate). Default: every type.
   */
  accepts?: (type: string) => boolean;
  /** Where dead letters go; without one, into this consumer's database only (tests). */
  deadLetters?: DeadLetterBox;
}

/** Capped exponential backoff: 250 ms, 500 ms … 30 s. */
export const defaultBackoff = (delivery: number) => Math.min(30_000, 250 * 2 ** Math.min(delivery - 1, 10));

export const DEFAULT_MAX_ATTEMPTS = 5;

class PoisonMessage extends Error {}

function recordError(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : new Error(String(err)));
}

/**
 * Durable pull consumer with an inbox: the effect and the inbox row (consumer, Nats-Msg-Id)
 * commit together, then the message is acked, so a redelivery at any later time changes nothing.
 *
 * It never gives up on an accepted fact (issue 18): a transient failure — the database or the
 * broker unreachable, a serialization conflict — is retried with capped backoff for as long as
 * it takes (JetStream's max_deliver is unlimited); only a message that cannot be decoded, or
 * that keeps failing deterministically, becomes a dead letter, recorded (in the database, or on
 * the broker's dead-letter stream while the database is down) before the message is terminated.
 * No failure escapes to the pull loop, so one bad message never abandons the rest of its batch.
 *
 * Throughput: the messages that have already arrived are applied together in one transaction
 * (issue 18), each under its own savepoint and with its own tenant setting, in delivery order;
 * one commit, then the acks. A message whose handler fails is rolled back to its savepoint alone
 * and settled on its own after the commit.
 * It also listens to JetStream's max-deliveries advisories for its consumer, so a message the
 * broker stopped redelivering (an operator lowered max_deliver) is recorded too.
 */
export class InboxConsumer {
  private readonly loop: PullLoop;
  private advisories?: Subscription;

  constructor(
    private readonly bus: EventBus,
    private readonly dataSource: DataSource,
    private readonly spec: ConsumerSpec,
    private readonly handler: EventHandler,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
    private readonly options: InboxConsumerOptions = {},
  ) {
    this.loop = new PullLoop(bus, this.stream, spec.durable, (batch) => this.handleBatch(batch), logger, options.batch ?? 64);
  }

  get name(): string {
    return this.spec.durable;
  }

  private get stream(): string {
    return streamOf(this.bus.namespace, this.spec.producer).name;
  }

  start(): void {
    if (this.loop.isRunning) return;
    this.loop.start();
    // One replica of the service takes each advisory (a queue group), so one dead letter is written.
    this.advisories = this.bus.nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${this.stream}.${this.spec.durable}`, {
      queue: this.spec.durable,
      callback: (err, msg) => {
        if (!err) void this.onMaxDeliveries(msg.json<{ stream_seq: number; deliveries: number }>());
      },
    });
  }

  async stop(): Promise<void> {
    this.advisories?.unsubscribe();
    await this.loop.stop();
  }

  /** Processes one message and settles it; never throws. Exposed for tests that drive deliveries by hand. */
  handle(message: JsMsg): Promise<void> {
    return this.handleBatch([message]);
  }

  /** Processes messages that arrived together and settles every one; never throws. */
  async handleBatch(messages: JsMsg[]): Promise<void> {
    const toApply: Array<{ message: JsMsg; event: ReceivedEvent }> = [];
    for (const message of messages) {
      let event: ReceivedEvent;
      try {
        event = this.decode(message);
      } catch (err) {
        await this.deadLetter(message, (err as Error).message);
        continue;
      }
      if (this.options.accepts && !this.options.accepts(event.type)) {
        message.ack();
        this.count('ignored');
        continue;
      }
      toApply.push({ message, event });
    }
    if (toApply.length === 0) return;
    let outcomes: Array<{ applied: boolean } | { error: unknown }>;
    try {
      outcomes = await this.applyAll(toApply.map((a) => ({ event: a.event, headers: headersOf(a.message) })));
    } catch (err) {
      // The transaction itself failed (the database went away, or the commit did): nothing
      // was applied, so every message of the batch is a failure of the same kind.
      outcomes = toApply.map(() => ({ error: err }));
    }
    for (const [i, { message, event }] of toApply.entries()) {
      const outcome = outcomes[i] as { applied: boolean } | { error: unknown };
      if ('applied' in outcome) {
        message.ack();
        this.count(outcome.applied ? 'applied' : 'duplicate');
      } else await this.failed(message, event, outcome.error);
    }
  }

  /**
   * Each event's effect with its inbox row, under its own savepoint and tenant, all in one
   * transaction; a failing event is rolled back alone. Returns each event's outcome.
   */
  private applyAll(items: Array<{ event: ReceivedEvent; headers: Record<string, string> }>) {
    return this.dataSource.transaction(async (manager) => {
      const outcomes: Array<{ applied: boolean } | { error: unknown }> = [];
      // Round trips per event are the cost of a batch (issue 18): the tenant is set only when it
      // changes (before the event's savepoint, so rolling that back keeps it), and one savepoint
      // is released and the next taken in one statement.
      let tenant: string | undefined;
      let savepoint = false;
      for (const { event, headers } of items) {
        const span = trace
          .getTracer('hotline-messaging')
          .startSpan(`consume ${this.spec.durable}`, { attributes: { 'messaging.message.id': event.id } }, contextFromHeaders(headers));
        if (event.tenantId !== tenant) {
          await manager.query(`select set_config('app.tenant_id', $1, true)`, [event.tenantId]);
          tenant = event.tenantId;
        }
        await manager.query(savepoint ? 'release savepoint inbox_event; savepoint inbox_event' : 'savepoint inbox_event');
        savepoint = true;
        try {
          const applied = await otelContext.with(trace.setSpan(otelContext.active(), span), () => this.apply(manager, event));
          outcomes.push({ applied });
        } catch (err) {
          await manager.query('rollback to savepoint inbox_event');
          outcomes.push({ error: err });
          recordError(span, err);
        } finally {
          span.end();
        }
      }
      return outcomes;
    });
  }

  /** The event's effect and its inbox row; false when it was applied before. */
  private async apply(manager: EntityManager, event: ReceivedEvent): Promise<boolean> {
    const inserted = await manager.query(
      `insert into inbox (consumer, message_id, tenant_id, event_type, subject) values ($1, $2, $3, $4, $5)
       on conflict do nothing returning message_id`,
      [this.spec.durable, event.id, event.tenantId, event.type, event.subject],
    );
    if (inserted.length === 0) return false;
    await this.handler(event, manager);
    return true;
  }

  private async failed(message: JsMsg, event: ReceivedEvent, err: unknown): Promise<void> {
    const delivery = message.info.deliveryCount;
    const reason = (err as Error)?.message ?? String(err);
    const backoff = (this.options.backoffMs ?? defaultBackoff)(delivery);
    if (isTransientError(err)) {
      message.nak(backoff);
      this.count('unavailable');
      // Once per outage and message is enough to see it: the first delivery, then every tenth.
      if (delivery === 1 || delivery % 10 === 0)
        this.logger.warn({ consumer: this.spec.durable, messageId: event.id, delivery, err: reason }, 'infrastructure unavailable; will retry until it is back');
      return;
    }
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (delivery >= maxAttempts) {
      await this.deadLetter(message, `failed on attempt ${delivery}/${maxAttempts}: ${reason}`);
      return;
    }
    message.nak(backoff);
    this.count('retried');
    this.logger.warn({ consumer: this.spec.durable, messageId: event.id, delivery, err: reason }, 'event failed; will retry');
  }

  /** Records a dead letter, then terminates the message; if it cannot be recorded anywhere, the message comes back later. */
  private async deadLetter(message: JsMsg, error: string): Promise<void> {
    const letter = deadLetterOf(message, this.spec.durable, error);
    try {
      const where = await this.record(letter);
      message.term(error.slice(0, 200));
      this.count('dead-lettered');
      this.logger.error({ consumer: this.spec.durable, subject: message.subject, recorded: where, err: error }, 'dead letter recorded; message terminated');
    } catch (err) {
      message.nak(30_000);
      this.logger.error({ consumer: this.spec.durable, err: (err as Error).message }, 'dead letter cannot be recorded anywhere yet; the message will come back');
    }
  }

  private record(letter: DeadLetter): Promise<'database' | 'broker'> {
    if (this.options.deadLetters) return this.options.deadLetters.record(letter);
    return new DeadLetterBox(this.dataSource, this.bus, this.spec.consumer, this.logger, this.metrics).record(letter);
  }

  /** JetStream stopped redelivering a message: record it from the stream unless the inbox shows it applied. */
  private async onMaxDeliveries(advisory: { stream_seq: number; deliveries: number }): Promise<void> {
    try {
      const stored = await this.bus.jsm.streams.getMessage(this.stream, { seq: advisory.stream_seq });
      if (!stored) return;
      const messageId = stored.header.get(EventHeader.msgId) || null;
      if (messageId) {
        const applied = await this.dataSource.query(`select 1 from inbox where consumer = $1 and message_id = $2`, [this.spec.durable, messageId]);
        if (applied.length > 0) return;
      }
      const headers = headersOf({ headers: stored.header });
      await this.record({
        consumer: this.spec.durable,
        messageId,
        subject: stored.subject,
        eventType: headers[EventHeader.type] ?? null,
        tenantId: headers[EventHeader.tenant] ?? null,
        headers,
        payload: stored.data,
        deliveries: advisory.deliveries,
        error: `JetStream stopped redelivering after ${advisory.deliveries} deliveries`,
        source: 'advisory',
        streamSequence: advisory.stream_seq,
      });
    } catch (err) {
      this.logger.error({ consumer: this.spec.durable, seq: advisory.stream_seq, err: (err as Error).message }, 'max-deliveries advisory not recorded');
    }
  }

  private count(result: string): void {
    this.metrics?.inboxProcessed.inc({ consumer: this.spec.durable, result });
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
}

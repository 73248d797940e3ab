import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { deadLetterSubject, EventHeader } from '@hotline/contracts';
import { maskPersonalData } from '@hotline/privacy';
import type { ServiceName } from '@hotline/vocabulary';
import type { Metrics } from '../observability/metrics';
import type { EventBus } from './event-bus';

/** Where a dead letter came from: a consumer gave up on it, the broker parked it, or an advisory told of it. */
export type DeadLetterSource = 'consumer' | 'broker' | 'advisory';

export interface DeadLetter {
  consumer: string;
  messageId: string | null;
  subject: string;
  eventType: string | null;
  tenantId: string | null;
  headers: Record<string, string>;
  payload: Uint8Array;
  deliveries: number;
  error: string;
  source: DeadLetterSource;
  streamSequence: number | null;
}

/** Headers a dead letter parked on the broker carries beside the original message's own. */
export const DeadLetterHeader = {
  consumer: 'hl-dl-consumer',
  subject: 'hl-dl-subject',
  error: 'hl-dl-error',
  deliveries: 'hl-dl-deliveries',
  streamSequence: 'hl-dl-stream-seq',
  source: 'hl-dl-source',
} as const;

export function headersOf(message: { headers?: { keys(): string[]; get(k: string): string } }): Record<string, string> {
  const headers: Record<string, string> = {};
  const h = message.headers;
  if (h) for (const key of h.keys()) headers[key] = h.get(key);
  return headers;
}

/** A dead letter for a message a consumer cannot apply. */
export function deadLetterOf(message: JsMsg, consumer: string, error: string, source: DeadLetterSource = 'consumer'): DeadLetter {
  const headers = headersOf(message);
  return {
    consumer,
    messageId: headers[EventHeader.msgId] ?? null,
    subject: message.subject,
    eventType: headers[EventHeader.type] ?? null,
    tenantId: headers[EventHeader.tenant] ?? null,
    headers,
    payload: message.data,
    deliveries: message.info.deliveryCount,
    // Operators read it through the API; a failure message may quote a value of the event.
    error: maskPersonalData(error),
    source,
    streamSequence: message.info.streamSequence,
  };
}

/** Inserts a dead letter, or updates the row of the same consumer and message (it failed again). */
export async function insertDeadLetter(dataSource: DataSource, d: DeadLetter): Promise<void> {
  await dataSource.query(
    `insert into dead_letters (consumer, message_id, subject, event_type, tenant_id, headers, payload, deliveries, error, source, stream_sequence)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (consumer, message_id) where message_id is not null do update set
       deliveries = excluded.deliveries, error = excluded.error, source = excluded.source,
       stream_sequence = coalesce(excluded.stream_sequence, dead_letters.stream_sequence),
       recorded_at = now(), replayed_at = null`,
    [
      d.consumer, d.messageId, d.subject, d.eventType, d.tenantId, JSON.stringify(d.headers),
      Buffer.from(d.payload), d.deliveries, d.error.slice(0, 2000), d.source, d.streamSequence,
    ],
  );
}

/**
 * Records dead letters so that none is ever lost: in the service's own database, or — when
 * that database cannot take it (it is the outage that made the message fail) — parked on the
 * broker's dead-letter stream, from which DeadLetterDrain moves it into the table later.
 * Throws only when neither is possible; the caller then leaves the message to come back.
 */
export class DeadLetterBox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly service: ServiceName,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
  ) {}

  async record(d: DeadLetter): Promise<'database' | 'broker'> {
    try {
      await insertDeadLetter(this.dataSource, d);
      this.metrics?.deadLetters.inc({ consumer: d.consumer, recorded: 'database' });
      return 'database';
    } catch (err) {
      this.logger.warn({ consumer: d.consumer, err: (err as Error).message }, 'dead letter not recorded in the database; parking it on the broker');
    }
    const h = natsHeaders();
    for (const [k, v] of Object.entries(d.headers)) h.set(k, v);
    h.set(DeadLetterHeader.consumer, d.consumer);
    h.set(DeadLetterHeader.subject, d.subject);
    h.set(DeadLetterHeader.error, d.error.slice(0, 2000).replace(/[\r\n]+/g, ' '));
    h.set(DeadLetterHeader.deliveries, String(d.deliveries));
    h.set(DeadLetterHeader.source, d.source);
    if (d.streamSequence !== null) h.set(DeadLetterHeader.streamSequence, String(d.streamSequence));
    const id = `dl:${d.consumer}:${d.messageId ?? `seq-${d.streamSequence ?? 'unknown'}`}`;
    h.set(EventHeader.msgId, id);
    await this.bus.js.publish(deadLetterSubject(this.bus.namespace, this.service, d.consumer), d.payload, { msgID: id, headers: h, timeout: 5_000 });
    this.metrics?.deadLetters.inc({ consumer: d.consumer, recorded: 'broker' });
    return 'broker';
  }
}

/** A dead letter parked on the broker, read back from its message. */
export function parkedDeadLetter(message: JsMsg): DeadLetter {
  const all = headersOf(message);
  const headers = Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('hl-dl-') && k !== EventHeader.msgId));
  const seq = all[DeadLetterHeader.streamSequence];
  const original = all[EventHeader.msgId]?.replace(/^dl:[^:]+:/, '');
  return {
    consumer: all[DeadLetterHeader.consumer] ?? 'unknown',
    messageId: original && !original.startsWith('seq-') ? original : null,
    subject: all[DeadLetterHeader.subject] ?? message.subject,
    eventType: headers[EventHeader.type] ?? null,
    tenantId: headers[EventHeader.tenant] ?? null,
    headers,
    payload: message.data,
    deliveries: Number(all[DeadLetterHeader.deliveries] ?? 0),
    error: all[DeadLetterHeader.error] ?? '',
    source: 'broker',
    streamSequence: seq ? Number(seq) : null,
  };
}

import {
  AckPolicy,
  DeliverPolicy,
  JetStreamManager,
  RetentionPolicy,
  StorageType,
  StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { ConsumerSpec, streamOf, StreamSpec } from '@hotline/contracts';

export interface StreamOptions {
  replicas?: number;
  maxAgeDays?: number;
  /** JetStream's dedup window; left at the 2-minute default outside tests. */
  duplicateWindowMs?: number;
}

function isNotFound(err: unknown): boolean {
  return /not found/i.test(String((err as Error)?.message ?? err));
}

/** Creates the stream, or updates its subjects and limits; safe to run on every start. */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec, options: StreamOptions = {}): Promise<void> {
  const config: Partial<StreamConfig> & { name: string } = {
    name: spec.name,
    subjects: spec.subjects,
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    num_replicas: options.replicas ?? 1,
    max_age: nanos((options.maxAgeDays ?? 365) * 24 * 3600 * 1000),
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
  };
  try {
    await jsm.streams.info(spec.name);
    await jsm.streams.update(spec.name, config);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.streams.add(config);
  }
}

export interface ConsumerOptions {
  ackWaitMs?: number;
  /** -1 (the default): JetStream redelivers until the consumer settles the message itself. */
  maxDeliver?: number;
}

/**
 * Consumers never let JetStream give up on a message: a transient failure is retried for as
 * long as it takes, a deterministic one becomes a dead letter by the consumer's own decision
 * (InboxConsumer), recorded before the message is terminated. A bounded max_deliver made
 * JetStream drop messages silently once a database outage outlasted the backoff (issue 18).
 */
export const DEFAULT_MAX_DELIVER = -1;

/**
 * Creates or updates a durable pull consumer with explicit acks and bounded redelivery. A
 * consumer that exists with another filter is refused rather than changed: NATS 2.9 cannot
 * change a filter in place, and a release that needs another one must say so (delete the
 * consumer to let it be re-created: it replays its stream, which the inbox makes harmless).
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  namespace: string,
  spec: ConsumerSpec,
  options: ConsumerOptions = {},
  stream: string = streamOf(namespace, spec.producer).name,
): Promise<void> {
  const config = {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(options.ackWaitMs ?? 30_000),
    max_deliver: options.maxDeliver ?? DEFAULT_MAX_DELIVER,
    max_ack_pending: 1_000,
    ...(spec.filterSubject ? { filter_subject: spec.filterSubject } : {}),
  };
  let existing: { config: { filter_subject?: string } } | undefined;
  try {
    existing = await jsm.consumers.info(stream, spec.durable);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  if (!existing) {
    await jsm.consumers.add(stream, config);
    return;
  }
  const deployed = existing.config.filter_subject ?? '';
  if (deployed !== (spec.filterSubject ?? ''))
    throw new ConsumerMismatchError(
      `consumer ${spec.durable} on ${stream} filters "${deployed || '(whole stream)'}", this release reads ` +
        `"${spec.filterSubject ?? '(whole stream)'}"; delete it (nats consumer rm ${stream} ${spec.durable}) to let it be re-created`,
    );
  await jsm.consumers.update(stream, spec.durable, config);
}

export class ConsumerMismatchError extends Error {}

// What the reconciliation reads, gathered after the drain: each service's tables (as the
// superuser of the private server, past row-level security), the streams' messages and
// per-subject counts, and every durable consumer's state, all through the JetStream API.
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { PRODUCERS, streamOf } from '@hotline/contracts';
import { planConsumers, ServiceDefinition } from '@hotline/platform';
import { SERVICE_NAMES, ServiceName } from '@hotline/vocabulary';
import { analyticsService } from '../../services/analytics/src/analytics.service';
import { dispatchService } from '../../services/dispatch/src/dispatch.service';
import { handlingService } from '../../services/handling/src/handling.service';
import { intakeService } from '../../services/intake/src/intake.service';
import { revisitService } from '../../services/revisit/src/revisit.service';
import type { ChaosPlatform } from './platform';
import type { PrivatePostgres } from './private-postgres';
import type { ConsumerState, OutboxRow, Snapshot } from './reconcile';

const DEFINITIONS: ServiceDefinition[] = [intakeService, dispatchService, handlingService, revisitService, analyticsService];

/** Which event types each durable consumer applies, as the services plan them (ADR 0010). */
function appliedTypes(): Map<string, readonly string[] | undefined> {
  return new Map(
    DEFINITIONS.flatMap((def) => planConsumers(def.name, '', def.handlers ?? []).map((p) => [p.spec.durable, p.types && [...p.types]] as const)),
  );
}

export interface StreamSubjectCount {
  /** Without the scenario's namespace. */
  subject: string;
  onStream: number;
  /** Distinct published outbox rows of the subject; undefined on a stream no outbox feeds (dead letters). */
  published?: number;
}

export interface Observation {
  snapshot: Omit<Snapshot, 'publicView'>;
  subjects: StreamSubjectCount[];
  /** Dead letters per consumer, all of them (also those no request of the load explains). */
  deadLetterCounts: Map<string, number>;
}

async function consumerStates(jsm: JetStreamManager, namespace: string): Promise<ConsumerState[]> {
  const types = appliedTypes();
  const states: ConsumerState[] = [];
  for (const producer of PRODUCERS)
    for await (const info of jsm.consumers.list(streamOf(namespace, producer).name))
      states.push({
        durable: info.name,
        producer,
        types: types.has(info.name) ? types.get(info.name) : [],
        deliveredSeq: info.delivered.stream_seq,
        ackFloorSeq: info.ack_floor.stream_seq,
        numPending: info.num_pending,
        numAckPending: info.num_ack_pending,
      });
  return states;
}

/** Every message's Nats-Msg-Id and sequence, read with an ordered consumer, headers only. */
async function streamSequences(nc: NatsConnection, jsm: JetStreamManager, stream: string): Promise<Map<string, number[]>> {
  const seqs = new Map<string, number[]>();
  const last = (await jsm.streams.info(stream)).state.last_seq;
  if (last === 0) return seqs;
  const consumer = await jetstream(nc).consumers.get(stream, { headers_only: true });
  const messages = await consumer.consume();
  for await (const m of messages) {
    const id = m.headers?.get('Nats-Msg-Id');
    if (id) seqs.set(id, [...(seqs.get(id) ?? []), m.seq]);
    if (m.seq >= last) break;
  }
  await messages.close();
  return seqs;
}

export async function observe(platform: ChaosPlatform, postgres: PrivatePostgres, nc: NatsConnection): Promise<Observation> {
  const q = <T>(service: ServiceName, sql: string) => postgres.query<T>(platform.database(service), sql);
  const outbox: OutboxRow[] = [];
  const inbox = new Set<string>();
  const deadLetters = new Map<string, string>();
  const deadLetterCounts = new Map<string, number>();
  for (const service of SERVICE_NAMES) {
    const rows = await q<Omit<OutboxRow, 'service'>>(
      service,
      `select id, event_type as type, aggregate_type as "aggregateType", aggregate_id as "aggregateId", subject,
              published_at is not null as published from outbox`,
    );
    outbox.push(...rows.map((r) => ({ ...r, service })));
    for (const r of await q<{ consumer: string; message_id: string }>(service, 'select consumer, message_id from inbox'))
      inbox.add(`${r.consumer} ${r.message_id}`);
    for (const r of await q<{ consumer: string; message_id: string | null; error: string }>(service, 'select consumer, message_id, error from dead_letters')) {
      if (r.message_id) deadLetters.set(`${r.consumer} ${r.message_id}`, r.error.slice(0, 160));
      deadLetterCounts.set(r.consumer, (deadLetterCounts.get(r.consumer) ?? 0) + 1);
    }
  }
  const jsm = await jetstreamManager(nc);
  const streamSeqs = new Map<ServiceName, Map<string, number[]>>();
  const subjects: StreamSubjectCount[] = [];
  const bare = (subject: string) => subject.slice(platform.namespace.length + 1);
  for (const producer of PRODUCERS) {
    const stream = streamOf(platform.namespace, producer).name;
    streamSeqs.set(producer, await streamSequences(nc, jsm, stream));
    const counts = (await jsm.streams.info(stream, { subjects_filter: '>' })).state.subjects ?? {};
    const published = outbox.filter((e) => e.service === producer && e.published);
    for (const subject of new Set([...Object.keys(counts), ...published.map((e) => e.subject)]))
      subjects.push({ subject: bare(subject), onStream: counts[subject] ?? 0, published: published.filter((e) => e.subject === subject).length });
  }
  const producerStreams = new Set(PRODUCERS.map((p) => streamOf(platform.namespace, p).name));
  for (const stream of (await namespaceStreams(jsm, platform.namespace)).filter((s) => !producerStreams.has(s)))
    for (const [subject, onStream] of Object.entries((await jsm.streams.info(stream, { subjects_filter: '>' })).state.subjects ?? {}))
      subjects.push({ subject: bare(subject), onStream });
  return {
    snapshot: {
      requests: await q('intake', 'select id, number, title, status from requests'),
      dispatches: (await q<{ request_id: string; assignments: { unitId: string }[] }>('dispatch', 'select request_id, assignments from dispatches')).map(
        (d) => ({ requestId: d.request_id, unitIds: d.assignments.map((a) => a.unitId) }),
      ),
      queued: (await q<{ request_id: string }>('dispatch', 'select request_id from dispatch_queue')).map((r) => r.request_id),
      workOrders: await q('handling', `select id, request_id as "requestId", unit_id as "unitId", role, status from work_orders`),
      reviews: await q('revisit', `select work_order_id as "workOrderId", status from reviews`),
      outbox,
      streamSeqs,
      consumers: await consumerStates(jsm, platform.namespace),
      inbox,
      deadLetters,
    },
    subjects: subjects.sort((a, b) => a.subject.localeCompare(b.subject)),
    deadLetterCounts,
  };
}

/**
 * What moves while events still travel: outbox rows (and how many wait), inbox and dead-letter
 * rows, and each consumer's position and backlog. Unchanged for a while with nothing waiting
 * means drained.
 */
export async function progress(platform: ChaosPlatform, postgres: PrivatePostgres, nc: NatsConnection): Promise<{ key: string; waiting: number }> {
  let waiting = 0;
  const parts: number[] = [];
  for (const service of SERVICE_NAMES) {
    const [row] = await postgres.query<{ outbox: number; unpublished: number; inbox: number; dead: number }>(
      platform.database(service),
      `select (select count(*) from outbox)::int as outbox, (select count(*) from outbox where published_at is null)::int as unpublished,
              (select count(*) from inbox)::int as inbox, (select count(*) from dead_letters)::int as dead`,
    );
    if (!row) continue;
    waiting += row.unpublished;
    parts.push(row.outbox, row.unpublished, row.inbox, row.dead);
  }
  const jsm = await jetstreamManager(nc);
  for (const stream of await namespaceStreams(jsm, platform.namespace))
    for await (const c of jsm.consumers.list(stream)) {
      waiting += c.num_pending + c.num_ack_pending;
      parts.push(c.delivered.stream_seq, c.ack_floor.stream_seq, c.num_pending, c.num_ack_pending);
    }
  return { key: parts.join(','), waiting };
}

/** The scenario's streams, the producers' and any the platform keeps beside them (dead letters). */
async function namespaceStreams(jsm: JetStreamManager, namespace: string): Promise<string[]> {
  const prefix = `${namespace.toUpperCase().replace(/-/g, '_')}_`;
  const names: string[] = [];
  for await (const s of jsm.streams.list()) if (s.config.name.startsWith(prefix)) names.push(s.config.name);
  return names;
}

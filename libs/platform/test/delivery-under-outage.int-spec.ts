import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { deadLetterStreamOf, EventHeader, streamOf } from '@hotline/contracts';
import { createLogger, DeadLetterBox, DeadLetterDrain, ensureConsumer, ensureStream, EventBus, InboxConsumer, Metrics, Outbox, OutboxRelay } from '../src';
import { ADMIN_DATABASE_URL, deleteNamespaceStreams, eventually, SHARED_NATS_URL, TestDatabase, uniqueNamespace } from '@hotline/testing';
import { applyEffect, effectStats, platformTestDatabase, testConsumer, writeEvents } from './fixtures';

const logger = createLogger('platform-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

/** Makes the test database refuse every connection (as a failed-over or stopped server does), then accept them again. */
async function databaseOutage(db: TestDatabase) {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`alter database ${db.name} allow_connections false`);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [db.name]);
  } finally {
    await admin.end();
  }
  return async () => {
    const again = new Client({ connectionString: ADMIN_DATABASE_URL });
    await again.connect();
    try {
      await again.query(`alter database ${db.name} allow_connections true`);
    } finally {
      await again.end();
    }
  };
}

async function counter(metrics: Metrics, result: string): Promise<number> {
  const values = (await metrics.inboxProcessed.get()).values;
  return values.filter((v) => v.labels.result === result).reduce((sum, v) => sum + v.value, 0);
}

// Issue 18: with a consumer's database down for longer than the old bounded redelivery (8
// deliveries, the last ~32 s after the first), accepted events were never applied and left no trace.
describe('delivery while the consumer’s database is down (real PostgreSQL and NATS)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const stops: Array<() => Promise<unknown>> = [];

  beforeEach(async () => {
    ({ db, dataSource } = await platformTestDatabase());
  });

  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
    await dataSource.destroy();
    await db.drop();
  });

  async function provision(namespace: string, purpose: string) {
    const bus = await EventBus.connect(SHARED_NATS_URL, `outage-${purpose}`, namespace);
    stops.push(() => bus.close());
    const spec = testConsumer(namespace, purpose);
    await ensureStream(bus.jsm, streamOf(namespace, 'intake'));
    await ensureConsumer(bus.jsm, namespace, spec, { ackWaitMs: 2_000 });
    return { bus, spec };
  }

  it('retries for as long as the outage lasts, past any bounded redelivery, then applies every event once', async () => {
    const namespace = uniqueNamespace();
    stops.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
    const { bus, spec } = await provision(namespace, 'outage');
    const info = await bus.jsm.consumers.info(streamOf(namespace, 'intake').name, spec.durable);
    expect(info.config.max_deliver).toBe(-1); // JetStream never gives up on its own
    const outbox = new Outbox(namespace);
    await writeEvents(dataSource, outbox, 'agg-1', 20);
    // The events reach the broker before the outage; the consumer then cannot reach its database.
    const relay = new OutboxRelay(dataSource, bus, logger, undefined, { pollMs: 20 });
    relay.start();
    await eventually('20 events on the stream', async () => (await bus.jsm.streams.info(streamOf(namespace, 'intake').name)).state.messages === 20);
    await relay.stop();

    const restore = await databaseOutage(db);
    const metrics = new Metrics('test');
    // A fast backoff compresses the old failure: 8 deliveries would be spent in well under the outage.
    const consumer = new InboxConsumer(bus, dataSource, spec, applyEffect, logger, metrics, { backoffMs: () => 100, maxAttempts: 3 });
    consumer.start();
    stops.push(() => consumer.stop());
    // Ten deliveries a message on average: beyond the 8 after which JetStream used to stop.
    await eventually('the consumer to keep hitting the outage', async () => (await counter(metrics, 'unavailable')) >= 200, 60_000);
    await restore();

    await eventually('every event applied after the outage', async () => (await effectStats(dataSource)).events === 20, 30_000);
    expect(await effectStats(dataSource)).toEqual({ events: 20, maxApplied: 1, total: 20 });
    const [letters] = await dataSource.query('select count(*)::int as n from dead_letters');
    expect(letters.n).toBe(0);
  });

  it('parks a dead letter on the broker while the database cannot take it, and drains it into the table afterwards', async () => {
    const namespace = uniqueNamespace();
    stops.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
    const { bus, spec } = await provision(namespace, 'parked');
    const metrics = new Metrics('test');
    const box = new DeadLetterBox(dataSource, bus, 'analytics', logger, metrics);
    await ensureStream(bus.jsm, deadLetterStreamOf(namespace));
    const consumer = new InboxConsumer(bus, dataSource, spec, applyEffect, logger, metrics, { deadLetters: box, backoffMs: () => 100 });

    const restore = await databaseOutage(db);
    consumer.start();
    stops.push(() => consumer.stop());
    // An undecodable message: a deterministic failure, so a dead letter — while the database is down.
    const h = natsHeaders();
    h.set(EventHeader.msgId, 'garbage-while-down');
    h.set(EventHeader.tenant, 'city-a');
    h.set(EventHeader.type, 'hotline.intake.v1.ChannelConfigured');
    await bus.js.publish(`${namespace}.hl.intake.v1.city-a.channel.configured`, new Uint8Array([0xff, 0xff]), { headers: h });
    await eventually('the dead letter parked on the broker', async () => (await bus.jsm.streams.info(deadLetterStreamOf(namespace).name)).state.messages === 1);
    await restore();

    const drain = await DeadLetterDrain.start(bus, dataSource, 'analytics', logger, {});
    stops.push(() => drain.stop());
    const [letter] = await eventually('the dead letter in the table', async () => {
      const rows = await dataSource.query('select consumer, message_id, source, error, payload from dead_letters');
      return rows.length === 1 ? rows : undefined;
    });
    expect(letter).toMatchObject({ consumer: spec.durable, message_id: 'garbage-while-down', source: 'broker' });
    expect(letter.error).toContain('undecodable');
    expect([...letter.payload]).toEqual([0xff, 0xff]);
    // Drained once: a second start of the drain (another replica, a restart) adds nothing.
    await eventually('the parked copy acknowledged', async () => {
      const c = await bus.jsm.consumers.info(deadLetterStreamOf(namespace).name, 'analytics--hl-dead-letters-v1--drain');
      return c.num_pending === 0 && c.num_ack_pending === 0;
    });
    const [count] = await dataSource.query('select count(*)::int as n from dead_letters');
    expect(count.n).toBe(1);
  });

  it('records a message JetStream stopped redelivering (a lowered max_deliver), from its max-deliveries advisory', async () => {
    const namespace = uniqueNamespace();
    stops.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
    const bus = await EventBus.connect(SHARED_NATS_URL, 'advisory', namespace);
    stops.push(() => bus.close());
    const spec = testConsumer(namespace, 'lowered');
    await ensureStream(bus.jsm, streamOf(namespace, 'intake'));
    await ensureConsumer(bus.jsm, namespace, spec, { ackWaitMs: 1_000, maxDeliver: 2 }); // an operator's change
    const consumer = new InboxConsumer(bus, dataSource, spec, async () => { throw new Error('cannot apply'); }, logger, undefined, {
      backoffMs: () => 50,
      maxAttempts: 10,
    });
    consumer.start();
    stops.push(() => consumer.stop());
    await writeEvents(dataSource, new Outbox(namespace), 'stuck', 1);
    const relay = new OutboxRelay(dataSource, bus, logger, undefined, { pollMs: 20 });
    relay.start();
    stops.push(() => relay.stop());
    const [letter] = await eventually('the advisory recorded as a dead letter', async () => {
      const rows = await dataSource.query('select source, stream_sequence, deliveries, error from dead_letters');
      return rows.length === 1 ? rows : undefined;
    });
    expect(letter).toMatchObject({ source: 'advisory', stream_sequence: '1', deliveries: 2 });
    expect(letter.error).toContain('stopped redelivering');
  });
});

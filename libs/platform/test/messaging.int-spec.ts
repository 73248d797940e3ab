import { DataSource } from 'typeorm';
import { EventHeader, streamOf } from '@hotline/contracts';
import { headers as natsHeaders } from '@nats-io/transport-node';
import {
  createLogger,
  ensureConsumer,
  ensureStream,
  EventBus,
  InboxConsumer,
  Metrics,
  Outbox,
  OutboxRelay,
} from '../src';
import {
  deleteNamespaceStreams,
  eventually,
  PrivateNatsServer,
  SHARED_NATS_URL,
  TestDatabase,
  uniqueNamespace,
} from '@hotline/testing';
import { applyEffect, effectStats, platformTestDatabase, testConsumer, writeEvents } from './fixtures';

const logger = createLogger('platform-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

async function counter(metrics: Metrics, result: string): Promise<number> {
  const values = (await metrics.inboxProcessed.get()).values;
  return values.filter((v) => v.labels.result === result).reduce((sum, v) => sum + v.value, 0);
}

describe('outbox → JetStream → inbox (real PostgreSQL and NATS)', () => {
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

  async function provision(natsUrl: string, namespace: string, purpose: string, duplicateWindowMs?: number) {
    const bus = await EventBus.connect(natsUrl, 'test-admin', namespace);
    stops.push(() => bus.close());
    const spec = testConsumer(namespace, purpose);
    await ensureStream(bus.jsm, streamOf(namespace, 'intake'), { duplicateWindowMs });
    await ensureConsumer(bus.jsm, namespace, spec, { ackWaitMs: 1_000 });
    return { bus, spec };
  }

  it('(a) applies every event exactly once in effect when the consumer is killed mid-stream and restarted', async () => {
    const namespace = uniqueNamespace();
    stops.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
    const { bus, spec } = await provision(SHARED_NATS_URL, namespace, 'kill');
    const outbox = new Outbox(namespace);
    await writeEvents(dataSource, outbox, 'agg-1', 60);
    await writeEvents(dataSource, outbox, 'agg-2', 60);
    const relay = new OutboxRelay(dataSource, bus, logger, undefined, { pollMs: 20 });
    relay.start();
    stops.push(() => relay.stop());

    // The first consumer dies abruptly while applying its 40th event: the effect commits,
    // the ack never reaches NATS (connection gone), so JetStream redelivers that event.
    const doomedBus = await EventBus.connect(SHARED_NATS_URL, 'doomed', namespace);
    let applied = 0;
    const doomed = new InboxConsumer(doomedBus, dataSource, spec, async (event, manager) => {
      await applyEffect(event, manager);
      if (++applied === 40) void doomedBus.nc.close();
    }, logger);
    doomed.start();
    await eventually('the first consumer to die', async () => doomedBus.nc.isClosed());
    await doomed.stop();
    const before = await effectStats(dataSource);
    expect(before.events).toBeGreaterThanOrEqual(40);
    expect(before.events).toBeLessThan(120);

    const metrics = new Metrics('test');
    const survivorBus = await EventBus.connect(SHARED_NATS_URL, 'survivor', namespace);
    stops.push(() => survivorBus.close());
    const survivor = new InboxConsumer(survivorBus, dataSource, spec, applyEffect, logger, metrics);
    survivor.start();
    stops.push(() => survivor.stop());

    await eventually('all 120 effects', async () => (await effectStats(dataSource)).events === 120, 30_000);
    await eventually('the redelivered event to be seen as a duplicate', async () => (await counter(metrics, 'duplicate')) >= 1);
    expect(await effectStats(dataSource)).toEqual({ events: 120, maxApplied: 1, total: 120 });
    const [inbox] = await dataSource.query('select count(*)::int as n from inbox');
    expect(inbox.n).toBe(120);
  });

  it('(b) keeps accepting writes while NATS is down and delivers every event, in order, once it is back', async () => {
    const server = await PrivateNatsServer.start();
    stops.push(() => server.stop());
    const namespace = uniqueNamespace();
    const { bus, spec } = await provision(server.url, namespace, 'outage');
    const outbox = new Outbox(namespace);
    const relay = new OutboxRelay(dataSource, bus, logger, undefined, { pollMs: 20, maxBackoffMs: 500 });
    relay.start();
    stops.push(() => relay.stop());
    const consumer = new InboxConsumer(bus, dataSource, spec, applyEffect, logger);
    consumer.start();
    stops.push(() => consumer.stop());

    await writeEvents(dataSource, outbox, 'agg-1', 10);
    await eventually('the first 10 effects', async () => (await effectStats(dataSource)).events === 10);

    await server.pause();
    await writeEvents(dataSource, outbox, 'agg-1', 25);
    await writeEvents(dataSource, outbox, 'agg-2', 25);
    await new Promise((r) => setTimeout(r, 500));
    const [pending] = await dataSource.query('select count(*)::int as n from outbox where published_at is null');
    // All 50 writes committed while the broker was down, and wait in the outbox.
    expect(pending.n).toBe(50);

    await server.resume();
    await eventually('all 60 effects after the outage', async () => (await effectStats(dataSource)).events === 60, 30_000);
    expect(await effectStats(dataSource)).toEqual({ events: 60, maxApplied: 1, total: 60 });
    const [left] = await dataSource.query('select count(*)::int as n from outbox where published_at is null');
    expect(left.n).toBe(0);

    // Per-aggregate order: the stream holds each aggregate's events in outbox order.
    const rows: Array<{ id: string; aggregate_id: string }> = await dataSource.query('select id, aggregate_id from outbox order by seq');
    const stream = streamOf(namespace, 'intake').name;
    const streamOrder: string[] = [];
    for (let seq = 1; seq <= 60; seq++) {
      const msg = await bus.jsm.streams.getMessage(stream, { seq });
      streamOrder.push(msg!.header.get(EventHeader.msgId));
    }
    for (const aggregate of ['agg-1', 'agg-2']) {
      const expected = rows.filter((r) => r.aggregate_id === aggregate).map((r) => r.id);
      expect(streamOrder.filter((id) => expected.includes(id))).toEqual(expected);
    }
  });

  it('(c) ignores an event redelivered after the JetStream duplicate window', async () => {
    const namespace = uniqueNamespace();
    stops.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
    const { bus, spec } = await provision(SHARED_NATS_URL, namespace, 'late', 500);
    const outbox = new Outbox(namespace);
    const relay = new OutboxRelay(dataSource, bus, logger, undefined, { pollMs: 20 });
    relay.start();
    stops.push(() => relay.stop());
    const metrics = new Metrics('test');
    const consumer = new InboxConsumer(bus, dataSource, spec, applyEffect, logger, metrics);
    consumer.start();
    stops.push(() => consumer.stop());

    await writeEvents(dataSource, outbox, 'agg-1', 1);
    await eventually('the effect', async () => (await effectStats(dataSource)).events === 1);
    await new Promise((r) => setTimeout(r, 1_000)); // past the 500 ms window

    // As if the relay had crashed before marking the row: it publishes the same id again.
    await dataSource.query('update outbox set published_at = null');
    const stream = streamOf(namespace, 'intake').name;
    await eventually('JetStream to accept the late copy', async () => (await bus.jsm.streams.info(stream)).state.messages === 2);
    await eventually('the late copy to be consumed', async () => (await counter(metrics, 'duplicate')) === 1);
    expect(await effectStats(dataSource)).toEqual({ events: 1, maxApplied: 1, total: 1 });
  });

  it('stops cleanly at any point of its start-up', async () => {
    const namespace = uniqueNamespace();
    stops.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
    const { bus, spec } = await provision(SHARED_NATS_URL, namespace, 'restart');
    for (let delayMs = 0; delayMs < 40; delayMs += 2) {
      const consumer = new InboxConsumer(bus, dataSource, spec, applyEffect, logger);
      consumer.start();
      await new Promise((r) => setTimeout(r, delayMs));
      await consumer.stop(); // a regression hangs here until the test times out
    }
    await writeEvents(dataSource, new Outbox(namespace), 'agg-1', 1);
    expect((await bus.jsm.consumers.info(streamOf(namespace, 'intake').name, spec.durable)).num_waiting).toBe(0);
  });

  it('records and terminates poison messages without blocking the stream', async () => {
    const namespace = uniqueNamespace();
    stops.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
    const { bus, spec } = await provision(SHARED_NATS_URL, namespace, 'poison');
    const consumer = new InboxConsumer(
      bus,
      dataSource,
      spec,
      async (event, manager) => {
        if ((event.payload as { channel?: { id: string } }).channel?.id === 'bad') throw new Error('cannot apply');
        await applyEffect(event, manager);
      },
      logger,
      undefined,
      { maxAttempts: 3, backoffMs: () => 50 },
    );
    consumer.start();
    stops.push(() => consumer.stop());

    const subject = `${namespace}.hl.intake.v1.city-a.channel.configured`;
    await bus.js.publish(subject, new TextEncoder().encode('no headers at all'));
    const outbox = new Outbox(namespace);
    await writeEvents(dataSource, outbox, 'bad', 1);
    await writeEvents(dataSource, outbox, 'good', 1);
    const relay = new OutboxRelay(dataSource, bus, logger, undefined, { pollMs: 20 });
    relay.start();
    stops.push(() => relay.stop());
    const h = natsHeaders();
    h.set(EventHeader.msgId, 'garbage-1');
    h.set(EventHeader.tenant, 'city-a');
    h.set(EventHeader.type, 'hotline.intake.v1.ChannelConfigured');
    await bus.js.publish(subject, new Uint8Array([0xff, 0xff, 0xff]), { headers: h });

    await eventually('the good event', async () => (await effectStats(dataSource)).events === 1);
    const letters: Array<{ error: string; deliveries: number }> = await eventually('three dead letters', async () => {
      const rows = await dataSource.query('select error, deliveries from dead_letters order by id');
      return rows.length === 3 ? rows : undefined;
    });
    expect(letters.map((l) => l.error)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('missing Nats-Msg-Id'),
        expect.stringContaining('undecodable'),
        expect.stringContaining('failed on attempt 3/3: cannot apply'),
      ]),
    );
  });

  it('applies a batch of several tenants each under its own tenant, a failed event rolled back alone', async () => {
    const namespace = uniqueNamespace();
    stops.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
    const { bus, spec } = await provision(SHARED_NATS_URL, namespace, 'tenants');
    await dataSource.query(`create table seen (message_id text primary key, aggregate_id text not null, tenant text)`);
    const outbox = new Outbox(namespace);
    // Interleaved, with a failure in the middle of city-b's run: the one after it still needs city-b.
    await writeEvents(dataSource, outbox, 'a1', 1, 'city-a');
    await writeEvents(dataSource, outbox, 'bad', 1, 'city-b');
    await writeEvents(dataSource, outbox, 'b2', 2, 'city-b');
    await writeEvents(dataSource, outbox, 'a2', 1, 'city-a');
    const consumer = new InboxConsumer(
      bus,
      dataSource,
      spec,
      async (event, manager) => {
        const id = (event.payload as { channel?: { id: string } }).channel?.id ?? '?';
        await manager.query(`insert into seen values ($1, $2, current_setting('app.tenant_id', true))`, [event.id, id]);
        if (id === 'bad') throw new Error('cannot apply');
      },
      logger,
      undefined,
      { maxAttempts: 2, backoffMs: () => 50 },
    );
    consumer.start();
    stops.push(() => consumer.stop());
    const relay = new OutboxRelay(dataSource, bus, logger, undefined, { pollMs: 20 });
    relay.start();
    stops.push(() => relay.stop());

    await eventually('the failing event dead-lettered', async () => (await dataSource.query('select 1 from dead_letters')).length === 1);
    const seen = await dataSource.query(`select aggregate_id, tenant from seen order by aggregate_id, message_id`);
    expect(seen).toEqual([
      { aggregate_id: 'a1', tenant: 'city-a' },
      { aggregate_id: 'a2', tenant: 'city-a' },
      { aggregate_id: 'b2', tenant: 'city-b' },
      { aggregate_id: 'b2', tenant: 'city-b' },
    ]);
    const inbox = await dataSource.query(`select tenant_id, count(*)::int as n from inbox group by tenant_id order by tenant_id`);
    expect(inbox).toEqual([{ tenant_id: 'city-a', n: 2 }, { tenant_id: 'city-b', n: 2 }]);
  });
});

// Outbox → JetStream → inbox throughput on this machine, beside pgbench -N TPS measured in the
// same run on the same PostgreSQL. Run: npm run bench:outbox [-- EVENTS]
import { MigrationInterface, QueryRunner } from 'typeorm';
import { durableConsumer, Events, streamOf } from '@hotline/contracts';
import {
  createDataSource,
  createLogger,
  ensureConsumer,
  ensureStream,
  EventBus,
  InboxConsumer,
  migrate,
  Outbox,
  OutboxRelay,
  PLATFORM_MIGRATIONS,
} from '@hotline/platform';
import { createTestDatabase, deleteNamespaceStreams, SHARED_NATS_URL, uniqueNamespace } from '@hotline/testing';
import { pgbenchTps } from '../baseline';

class BenchEffects1764300009998 implements MigrationInterface {
  name = 'BenchEffects1764300009998';
  async up(q: QueryRunner) {
    await q.query('create table bench_effects (message_id text primary key)');
  }
  async down(q: QueryRunner) {
    await q.query('drop table bench_effects');
  }
}

const EVENTS = Number(process.argv[2] ?? 5000);
const WRITERS = 8;
const logger = createLogger('bench', 'warn');

async function waitFor(check: () => Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

async function main() {
  const db = await createTestDatabase('bench');
  const baselineDb = await createTestDatabase('pgbench');
  const namespace = uniqueNamespace();
  const settings = { url: db.url, entities: [], migrations: [...PLATFORM_MIGRATIONS, BenchEffects1764300009998] };
  await migrate(settings);
  const dataSource = createDataSource({ ...settings, poolSize: WRITERS + 4 });
  await dataSource.initialize();
  const bus = await EventBus.connect(SHARED_NATS_URL, 'bench', namespace);
  const spec = durableConsumer(namespace, 'analytics', 'intake', 'bench');
  try {
    process.stdout.write(`pgbench -N baseline (10 s, 8 clients)…\n`);
    const tps = pgbenchTps(baselineDb.url);

    await ensureStream(bus.jsm, streamOf(namespace, 'intake'));
    await ensureConsumer(bus.jsm, namespace, spec);
    const outbox = new Outbox(namespace);
    let next = 0;
    const writeStart = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < EVENTS) {
          const i = next++;
          await dataSource.transaction((m) =>
            outbox.append(m, {
              event: Events.intake.channelConfigured,
              tenantId: `city-${i % 4}`,
              aggregateType: 'channel',
              aggregateId: `ch-${i % 100}`,
              payload: { channel: { id: `ch-${i}`, code: 'c', name: '12345 热线', kind: 1, enabled: true, createdAt: '' } },
            }),
          );
        }
      }),
    );
    const writeSec = (performance.now() - writeStart) / 1000;

    const relay = new OutboxRelay(dataSource, bus, logger, undefined, { pollMs: 10, batchSize: 500 });
    const relayStart = performance.now();
    relay.start();
    await waitFor(async () => (await dataSource.query('select count(*)::int as n from outbox where published_at is null'))[0].n === 0);
    const relaySec = (performance.now() - relayStart) / 1000;
    await relay.stop();

    const consumer = new InboxConsumer(bus, dataSource, spec, async (event, m) => {
      await m.query('insert into bench_effects (message_id) values ($1)', [event.id]);
    }, logger, undefined, { batch: 256 });
    const consumeStart = performance.now();
    consumer.start();
    await waitFor(async () => (await dataSource.query('select count(*)::int as n from bench_effects'))[0].n === EVENTS);
    const consumeSec = (performance.now() - consumeStart) / 1000;
    await consumer.stop();

    const rate = (sec: number) => Math.round(EVENTS / sec);
    const rows: Array<[string, string, string]> = [
      ['pgbench -N (baseline)', `${Math.round(tps)} TPS`, '1.00×'],
      [`outbox writes (${WRITERS} writers, 1 tx each)`, `${rate(writeSec)} /s`, `${(rate(writeSec) / tps).toFixed(2)}×`],
      ['relay → JetStream (acked, in order)', `${rate(relaySec)} /s`, `${(rate(relaySec) / tps).toFixed(2)}×`],
      ['inbox consumer (effect + inbox + ack)', `${rate(consumeSec)} /s`, `${(rate(consumeSec) / tps).toFixed(2)}×`],
    ];
    process.stdout.write(`\n${EVENTS} events, ${new Date().toISOString()}\n`);
    for (const [what, value, ratio] of rows) process.stdout.write(`  ${what.padEnd(42)} ${value.padStart(10)}  ${ratio} of pgbench\n`);
  } finally {
    await bus.close();
    await dataSource.destroy();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    await db.drop();
    await baselineDb.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);

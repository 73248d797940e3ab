// Online submissions at a fixed rate against the running platform (`npm start`), measuring
// acceptance (HTTP 201) and accepted → work order created (WorkOrderCreated on NATS), beside
// `pgbench -N` TPS measured in the same run on the same PostgreSQL.
//
//   npm run bench:lifecycle -- [--rate 20] [--seconds 20] [--tenant city-3201]
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { Events } from '@hotline/contracts';
import { pgbenchTps } from '../baseline';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return (i > 0 ? process.argv[i + 1] : undefined) ?? fallback;
};
const RATE = Number(arg('rate', '20'));
const SECONDS = Number(arg('seconds', '20'));
const TENANT = arg('tenant', 'city-3201');
const INTAKE = arg('intake', 'http://127.0.0.1:3001');
const NATS_URL = arg('nats', process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222');
const NAMESPACE = arg('namespace', process.env['EVENT_NAMESPACE'] ?? '');
const ADMIN_URL = arg('pg', 'postgres://postgres@127.0.0.1:5432/postgres');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  const nc = await connect({ servers: NATS_URL });
  const created = new Map<string, number>();
  const subject = `${NAMESPACE ? `${NAMESPACE}.` : ''}hl.handling.v1.${TENANT}.work-order.created`;
  const sub = nc.subscribe(subject);
  void (async () => {
    for await (const m of sub) {
      const event = Events.handling.workOrderCreated.codec.decode(m.data);
      if (event.request && !created.has(event.request.number)) created.set(event.request.number, performance.now());
    }
  })();

  const accepted = new Map<string, number>();
  const acceptLatency: number[] = [];
  let failures = 0;
  const total = RATE * SECONDS;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      (async () => {
        const t0 = performance.now();
        const res = await fetch(`${INTAKE}/v1/public/${TENANT}/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            requester: { name: '压测用户', phone: `1390000${String(i % 10000).padStart(4, '0')}` },
            title: '小区电梯故障',
            content: `小区 ${i % 50} 号楼电梯停运三天，物业未处理，请协调维修。`,
            areaCode: '320104',
            requestType: 'complaint',
            categoryCode: '030603',
          }),
        }).catch(() => undefined);
        if (res?.status !== 201) {
          failures++;
          return;
        }
        const t1 = performance.now();
        const { number } = (await res.json()) as { number: string };
        accepted.set(number, t1);
        acceptLatency.push(t1 - t0);
      })(),
    );
  }
  await Promise.all(inflight);
  const sendSeconds = (performance.now() - started) / 1000;
  const deadline = performance.now() + 30_000;
  while ([...accepted.keys()].some((n) => !created.has(n)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  sub.unsubscribe();
  await nc.close();

  const toWorkOrder = [...accepted]
    .flatMap(([n, t]) => {
      const at = created.get(n);
      return at === undefined ? [] : [at - t];
    })
    .sort((a, b) => a - b);
  acceptLatency.sort((a, b) => a - b);

  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const db = `bench_pgbench_${Date.now()}`;
  await admin.query(`create database ${db}`);
  let tps = NaN;
  try {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${db}`;
    tps = pgbenchTps(url.toString());
  } finally {
    await admin.query(`drop database ${db} with (force)`);
    await admin.end();
  }

  const ms = (v: number) => `${v.toFixed(1)} ms`;
  process.stdout.write(
    [
      `online submissions: ${total} at ${RATE}/s for ${SECONDS} s to ${TENANT}, ${new Date().toISOString()}`,
      `  accepted                         ${accepted.size} (${failures} failed), ${(accepted.size / sendSeconds).toFixed(1)} accepted/s`,
      `  acceptance latency               p50 ${ms(percentile(acceptLatency, 50))}   p99 ${ms(percentile(acceptLatency, 99))}`,
      `  accepted → work order created    p50 ${ms(percentile(toWorkOrder, 50))}   p99 ${ms(percentile(toWorkOrder, 99))}   (${toWorkOrder.length}/${accepted.size} seen)`,
      `  pgbench -N (same PostgreSQL)     ${tps.toFixed(0)} TPS`,
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);

// Contacts registered at a fixed rate against the running platform (`npm start`), measuring
// acceptance (HTTP 201) and accepted → work order created (WorkOrderCreated on NATS), beside
// `pgbench -N` TPS measured in the same run on the same PostgreSQL.
//
//   npm run bench:lifecycle -- [--rate 20] [--seconds 20] [--tenant city-3201]
import { pgbenchOnServer } from '../baseline';
import { agentToken, atFixedRate, percentile, registerContact, WorkOrderWatch } from './submissions';

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
const STATE_DIR = arg('state', process.env['HOTLINE_STATE_DIR'] ?? '.local');

async function main() {
  const watch = await WorkOrderWatch.start(NATS_URL, NAMESPACE, TENANT);
  const total = RATE * SECONDS;
  const started = performance.now();
  const token = agentToken(STATE_DIR, TENANT);
  const results = await atFixedRate(RATE, total, (i) => registerContact(INTAKE, token, i));
  const sendSeconds = (performance.now() - started) / 1000;
  const accepted = results.filter((r) => r.ok);
  await watch.waitFor(accepted.map((r) => r.number as string), 30_000);
  await watch.stop();
  const toWorkOrder = accepted
    .flatMap((r) => {
      const at = watch.createdAt.get(r.number as string);
      return at === undefined ? [] : [at - r.acceptedAt];
    })
    .sort((a, b) => a - b);
  const latency = accepted.map((r) => r.latency).sort((a, b) => a - b);
  const tps = await pgbenchOnServer(ADMIN_URL);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  process.stdout.write(
    [
      `online submissions: ${total} at ${RATE}/s for ${SECONDS} s to ${TENANT}, ${new Date().toISOString()}`,
      `  accepted                         ${accepted.length} (${total - accepted.length} failed), ${(accepted.length / sendSeconds).toFixed(1)} accepted/s`,
      `  acceptance latency               p50 ${ms(percentile(latency, 50))}   p99 ${ms(percentile(latency, 99))}`,
      `  accepted → work order created    p50 ${ms(percentile(toWorkOrder, 50))}   p99 ${ms(percentile(toWorkOrder, 99))}   (${toWorkOrder.length}/${accepted.length} seen)`,
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

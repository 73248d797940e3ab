// The platform's capacity on this machine, against the running platform (`npm start`, with a
// rate limit high enough not to interfere: RATE_LIMIT_PER_MINUTE=1000000), beside `pgbench -N`
// measured in the same run on the same PostgreSQL:
//   1. durable acceptance at full speed: online submissions from concurrent clients (closed loop);
//   2. acceptance latency at half the pgbench rate (or half the measured maximum, if lower);
//   3. accepted → work order created at a fixed rate (default 100/s);
//   4. a storm-day profile: the day's average rate, then +86 % for a while (Binzhou's worst day),
//      then the average again — every accepted request must reach a work order (0 lost);
//   and the resident memory of each service, idle and at its peak under load.
//
//   npm run bench:capacity -- [--clients 32] [--seconds 15] [--rate 100] [--storm-base 30] [--storm-seconds 20]
import { pgbenchOnServer } from '../baseline';
import { agentToken, atFixedRate, percentile, registerContact, residentMemory, Submission, WorkOrderWatch } from './submissions';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return (i > 0 ? process.argv[i + 1] : undefined) ?? fallback;
};
const CLIENTS = Number(arg('clients', '32'));
const SECONDS = Number(arg('seconds', '15'));
const RATE = Number(arg('rate', '100'));
const STORM_BASE = Number(arg('storm-base', '30'));
const STORM_SECONDS = Number(arg('storm-seconds', '20'));
const TENANT = arg('tenant', 'city-3201');
const INTAKE = arg('intake', 'http://127.0.0.1:3001');
const NATS_URL = arg('nats', process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222');
const NAMESPACE = arg('namespace', process.env['EVENT_NAMESPACE'] ?? '');
const ADMIN_URL = arg('pg', 'postgres://postgres@127.0.0.1:5432/postgres');
const STATE_DIR = arg('state', process.env['HOTLINE_STATE_DIR'] ?? '.local');

let sent = 0;
const TOKEN = agentToken(STATE_DIR, TENANT);
const send = () => registerContact(INTAKE, TOKEN, sent++);

/** Peak resident memory per service while `work` runs, sampled every 250 ms. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peak: Record<string, number> }> {
  const peak: Record<string, number> = {};
  const sample = () => {
    for (const [s, mb] of Object.entries(residentMemory(STATE_DIR))) peak[s] = Math.max(peak[s] ?? 0, mb);
  };
  const timer = setInterval(sample, 250);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(timer);
    sample();
  }
}

async function closedLoop(clients: number, seconds: number): Promise<{ results: Submission[]; seconds: number }> {
  const until = performance.now() + seconds * 1000;
  const results: Submission[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) results.push(await send());
    }),
  );
  return { results, seconds: (performance.now() - started) / 1000 };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const latencies = (rs: Submission[]) => rs.filter((r) => r.ok).map((r) => r.latency).sort((a, b) => a - b);

async function main() {
  const idle = residentMemory(STATE_DIR);
  const tps = await pgbenchOnServer(ADMIN_URL);
  const watch = await WorkOrderWatch.start(NATS_URL, NAMESPACE, TENANT);
  const lines: string[] = [`capacity of the platform on this machine, ${new Date().toISOString()}`];
  const { result, peak } = await withPeakMemory(async () => {
    const max = await closedLoop(CLIENTS, SECONDS);
    const accepted = max.results.filter((r) => r.ok);
    const maxRate = accepted.length / max.seconds;
    const lat = latencies(max.results);
    lines.push(
      `  pgbench -N (same PostgreSQL)                 ${tps.toFixed(0)} TPS`,
      `  1. acceptance, ${CLIENTS} clients, ${SECONDS} s            ${maxRate.toFixed(0)} accepted/s (${(maxRate / tps).toFixed(2)}× pgbench), ` +
        `p50 ${ms(percentile(lat, 50))} p99 ${ms(percentile(lat, 99))}, ${max.results.length - accepted.length} failed`,
    );
    await watch.waitFor(accepted.map((r) => r.number as string), 60_000);

    const half = Math.max(1, Math.floor(Math.min(tps, maxRate) / 2));
    const halfResults = await atFixedRate(half, half * 10, send);
    const halfLat = latencies(halfResults);
    lines.push(
      `  2. acceptance at ${half}/s for 10 s               p50 ${ms(percentile(halfLat, 50))} p99 ${ms(percentile(halfLat, 99))}, ` +
        `${halfResults.filter((r) => !r.ok).length} failed`,
    );
    await watch.waitFor(halfResults.filter((r) => r.ok).map((r) => r.number as string), 60_000);

    const fixed = await atFixedRate(RATE, RATE * 30, send);
    const fixedOk = fixed.filter((r) => r.ok);
    const missing = await watch.waitFor(fixedOk.map((r) => r.number as string), 60_000);
    const toOrder = fixedOk
      .flatMap((r) => (watch.createdAt.has(r.number as string) ? [(watch.createdAt.get(r.number as string) as number) - r.acceptedAt] : []))
      .sort((a, b) => a - b);
    lines.push(
      `  3. accepted → work order at ${RATE}/s for 30 s     p50 ${ms(percentile(toOrder, 50))} p99 ${ms(percentile(toOrder, 99))} ` +
        `(${toOrder.length}/${fixedOk.length} seen, ${fixed.length - fixedOk.length} not accepted)`,
    );
    if (missing.length) lines.push(`     ${missing.length} accepted without a work order after 60 s`);

    const stormRate = Math.round(STORM_BASE * 1.86);
    const storm: Submission[] = [
      ...(await atFixedRate(STORM_BASE, STORM_BASE * STORM_SECONDS, send)),
      ...(await atFixedRate(stormRate, stormRate * STORM_SECONDS, send)),
      ...(await atFixedRate(STORM_BASE, STORM_BASE * STORM_SECONDS, send)),
    ];
    const stormOk = storm.filter((r) => r.ok);
    const drainStart = performance.now();
    const lost = await watch.waitFor(stormOk.map((r) => r.number as string), 120_000);
    lines.push(
      `  4. storm day ${STORM_BASE}/s → ${stormRate}/s (+86 %) → ${STORM_BASE}/s, ${STORM_SECONDS} s each: ` +
        `${stormOk.length} accepted, ${storm.length - stormOk.length} refused, ${lost.length} lost, drained in ${((performance.now() - drainStart) / 1000).toFixed(1)} s`,
    );
    return lost.length + missing.length;
  });
  await watch.stop();
  lines.push('  resident memory (MiB), idle → peak under load:');
  for (const service of Object.keys({ ...idle, ...peak })) lines.push(`     ${service.padEnd(10)} ${idle[service] ?? '?'} → ${peak[service] ?? '?'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return result;
}

main().then(
  (lost) => process.exit(lost > 0 ? 1 : 0),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);

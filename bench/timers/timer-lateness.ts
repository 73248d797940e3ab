// Durable timers under load (issue 12): many open work orders in one tenant's handling
// database, each with its pending timers, and timers of those orders coming due at a fixed rate
// (spread evenly), fired by the platform's TimerWorker. Two windows per size: the poller alone
// (every handling timer kind mapped to a handler that does nothing), then handling's real
// handlers (an overdue timer locks the order, flags it, writes WorkOrderOverdue and the units'
// notification; the handling clock's also schedules the urging notice). Lateness p50/p90/p99/max
// (fired_at − due_at), the rate fired, the cost of each tick and of the claim — at a small
// number of open orders and at a large one side by side, beside pgbench -N of the same run.
// Run: npm run bench:timers [-- --orders 1000000 --small 20000 --rate 1000 --seconds 30 --handler-seconds 10 --poll-ms 500]
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { CLAIM_DUE_TIMERS_SQL, migrate, NEXT_DUE_SQL, openServiceContext, OpenedContext, ServiceContext, TIMER_BATCH_SIZE, TimerHandler, timerHandlers } from '@hotline/platform';
import { createTestDatabase, deleteNamespaceStreams, serviceEnv, SHARED_NATS_URL, uniqueNamespace } from '@hotline/testing';
import { handlingService } from '../../services/handling/src/handling.service';
import { OVERDUE_TIMER_KINDS } from '../../services/handling/src/work-orders/work-order-timers';
import { pgbenchBinary } from '../baseline';
import { percentile } from '../lifecycle/submissions';
import { Seeded, seedOpenOrders } from './seed';
import { ClaimProbe, ordersFor, runWindow, WindowResult } from './window';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number (got ${raw})`);
  return value;
}

const ORDERS = Math.round(flag('orders', 1_000_000));
const RATE = flag('rate', 1000);
const SECONDS = flag('seconds', 30);
const HANDLER_SECONDS = flag('handler-seconds', 10);
const POLL_MS = flag('poll-ms', 500);
/** Each timer is scheduled this long before it comes due. */
const LEAD_MS = 1000;
const NEEDED = ordersFor(RATE, SECONDS) + ordersFor(RATE, HANDLER_SECONDS);
const SMALL = Math.max(Math.round(flag('small', 20_000)), NEEDED);

/** `pgbench -N` TPS on a scratch database with `clients` connections (one: what one worker's sequential transactions are bound by). */
function pgbench(url: string, clients: number, seconds = 10): number {
  const out = execFileSync(pgbenchBinary(), ['-c', String(clients), '-j', String(Math.min(2, clients)), '-T', String(seconds), '-N', url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const match = /tps = ([\d.]+)/.exec(out);
  if (!match) throw new Error(`cannot read pgbench output:\n${out}`);
  return Number(match[1]);
}

interface Explained {
  text: string;
  ms: number;
  buffers: number;
}

interface SizeResult {
  seeded: Seeded;
  poller: WindowResult;
  handling: WindowResult;
  fromWatermark: Explained;
  fromStart: Explained;
  look: Explained;
  sizes: string;
}

// Everything made is undone at the end, on failure and on Ctrl-C too: last made, first undone.
const undo: Array<() => Promise<unknown>> = [];
async function cleanUp() {
  for (const step of undo.splice(0).reverse()) await step().catch((err: Error) => process.stderr.write(`clean-up: ${err.message}\n`));
}

/** Every timer kind handling fires, each to a handler that does nothing: what the poller costs alone. */
function noOpHandlers(real: Record<string, TimerHandler>): Record<string, TimerHandler> {
  return Object.fromEntries(Object.keys(real).map((kind) => [kind, async () => undefined]));
}

/**
 * The plans now, with one timer due (the latest pending one moved to a second ago): the claim
 * from the watermark (the earliest pending due, which the look gives: each pass), the claim and
 * the look from the start of the index (once per poll interval), with their times and buffers.
 */
async function plans(url: string, kinds: string[]) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `update timers set due_at = now() - interval '1 second' where id = (select id from timers where state = 'pending' and kind = $1 order by due_at desc limit 1)`,
      [OVERDUE_TIMER_KINDS['sign-for']],
    );
    const [{ at }] = (await client.query(NEXT_DUE_SQL, [kinds, '-infinity'])).rows;
    const explain = async (sql: string, params: unknown[]) => {
      await client.query('begin');
      try {
        const text = (await client.query(`explain (analyze, buffers, costs off, timing off) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
        const [{ 'QUERY PLAN': [json] }] = (await client.query(`explain (analyze, buffers, format json) ${sql}`, params)).rows;
        const buffers: number = (json.Plan['Shared Hit Blocks'] ?? 0) + (json.Plan['Shared Read Blocks'] ?? 0);
        return { text, ms: json['Execution Time'] as number, buffers };
      } finally {
        await client.query('rollback');
      }
    };
    const fromWatermark = await explain(CLAIM_DUE_TIMERS_SQL, [kinds, TIMER_BATCH_SIZE, at]);
    const fromStart = await explain(CLAIM_DUE_TIMERS_SQL, [kinds, TIMER_BATCH_SIZE, '-infinity']);
    const look = await explain(NEXT_DUE_SQL, [kinds, '-infinity']);
    const [{ sizes }] = (
      await client.query(`select pg_size_pretty(pg_relation_size('timers')) || ' / ' || pg_size_pretty(pg_relation_size('timers_due')) as sizes`)
    ).rows;
    return { fromWatermark, fromStart, look, sizes: sizes as string };
  } finally {
    await client.end();
  }
}

async function oneSize(orders: number): Promise<SizeResult> {
  const db = await createTestDatabase('bench_timers');
  undo.push(() => db.drop());
  const namespace = uniqueNamespace();
  undo.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
  await migrate({ url: db.url, entities: handlingService.entities, migrations: handlingService.migrations });
  // handling's own context (its configuration, pool, outbox), as startService would give it.
  const env = { ...serviceEnv({ databaseUrl: db.url, natsUrl: SHARED_NATS_URL, namespace }), TIMER_POLL_MS: String(POLL_MS), LOG_LEVEL: 'warn' };
  const opened: OpenedContext = await openServiceContext(handlingService, env);
  undo.push(() => opened.close());
  const ctx: ServiceContext = opened.context;
  try {
    process.stdout.write(`  ${orders.toLocaleString('en')} open orders: seeding…`);
    const seeded = await seedOpenOrders(ctx, db.url, orders);
    const steps = Object.entries(seeded.steps).map(([name, sec]) => `${name} ${sec.toFixed(1)} s`).join(', ');
    process.stdout.write(` ${seeded.pendingTimers.toLocaleString('en')} pending timers in ${seeded.seconds.toFixed(1)} s (${steps});`);
    const real = timerHandlers(handlingService.timers ?? [], ctx);
    const common = { rate: RATE, pollMs: POLL_MS, leadMs: LEAD_MS };
    process.stdout.write(` poller ${SECONDS} s…`);
    const poller = await runWindow(ctx, db.url, noOpHandlers(real), { ...common, seconds: SECONDS, firstOrder: 0 });
    process.stdout.write(` handlers ${HANDLER_SECONDS} s…`);
    const handling = await runWindow(ctx, db.url, real, { ...common, seconds: HANDLER_SECONDS, firstOrder: ordersFor(RATE, SECONDS) });
    process.stdout.write(' done\n');
    return { seeded, poller, handling, ...(await plans(db.url, Object.keys(real))) };
  } finally {
    await cleanUp();
  }
}

const ms = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const fixed = (v: number | undefined, digits: number) => (v !== undefined && Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

function table(title: string, sizes: SizeResult[], rows: Array<[string, (s: SizeResult) => string]>) {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(`  ${''.padEnd(42)}${sizes.map((s) => `${s.seeded.orders.toLocaleString('en')} open`.padStart(24)).join('')}\n`);
  for (const [what, f] of rows) process.stdout.write(`  ${what.padEnd(42)}${sizes.map((s) => f(s).padStart(24)).join('')}\n`);
}

/** A statement run beside the worker: its time and its buffers. */
function probeRows(
  pick: (s: SizeResult) => WindowResult,
  what: string,
  time: (p: ClaimProbe) => number,
  buffers: (p: ClaimProbe) => number,
): Array<[string, (s: SizeResult) => string]> {
  return [
    [`${what} p50 / p99`, (s) => {
      const d = sorted(pick(s).probes.map(time));
      return `${fixed(percentile(d, 50), 2)} / ${fixed(percentile(d, 99), 2)} ms`;
    }],
    ['  its buffers p50 / max', (s) => {
      const b = sorted(pick(s).probes.map(buffers));
      return `${percentile(b, 50) ?? 0} / ${b.at(-1) ?? 0}`;
    }],
  ];
}

function windowRows(pick: (s: SizeResult) => WindowResult, seconds: number): Array<[string, (s: SizeResult) => string]> {
  return [
    ['timers fired / scheduled (failed)', (s) => `${pick(s).fired}/${pick(s).scheduled} (${pick(s).failed})`],
    [`fired per second in the ${seconds} s they came due`, (s) => `${pick(s).firedPerSecond.toFixed(0)} /s`],
    ...[50, 90, 99].map((p): [string, (s: SizeResult) => string] => [`lateness p${p} (fired_at − due_at)`, (s) => ms(percentile(pick(s).lateness, p))]),
    ['lateness max', (s) => ms(pick(s).lateness.at(-1))],
    ['last fired, after the last due', (s) => ms(pick(s).drainMs)],
    ['passes that fired / timers per pass p50, max', (s) => {
      const c = sorted(pick(s).ticks.map((t) => t.claimed));
      return `${c.length} / ${percentile(c, 50) ?? 0}, ${c.at(-1) ?? 0}`;
    }],
    ['pass duration p50 / max', (s) => {
      const d = sorted(pick(s).ticks.map((t) => t.ms));
      return `${fixed(percentile(d, 50), 1)} / ${fixed(d.at(-1), 0)} ms`;
    }],
    ['worker wall time per timer', (s) => {
      const t = pick(s).ticks;
      return ms(t.reduce((a, x) => a + x.ms, 0) / (t.reduce((a, x) => a + x.claimed, 0) || 1));
    }],
    ['CPU per timer: bench process / PostgreSQL', (s) => `${pick(s).nodeCpuPerTimer.toFixed(2)} / ${pick(s).dbCpuPerTimer.toFixed(2)} ms`],
    ...probeRows(pick, 'claim from the watermark', (p) => p.ms, (p) => p.buffers),
    ...probeRows(pick, 'look from the index start', (p) => p.fullMs, (p) => p.fullBuffers),
  ];
}

function report(sizes: SizeResult[], tps8: number, tps1: number, load: string) {
  process.stdout.write(
    `\ntimers coming due at ${RATE}/s, one TimerWorker (batches of ${TIMER_BATCH_SIZE}, poll at most ${POLL_MS} ms), ` +
      `load average ${load}, ${new Date().toISOString()}\n`,
  );
  table('the tenant database', sizes, [
    ['open work orders (one tenant)', (s) => s.seeded.orders.toLocaleString('en')],
    ['pending timers', (s) => s.seeded.pendingTimers.toLocaleString('en')],
    ['timers table / timers_due index', (s) => s.sizes],
    ['seeding (INSERT … SELECT generate_series)', (s) => `${s.seeded.seconds.toFixed(1)} s`],
    ['a pass with nothing due (next due) mean / p99', (s) => {
      const d = sorted(s.poller.idleTicks);
      return `${mean(d).toFixed(2)} / ${fixed(percentile(d, 99), 2)} ms`;
    }],
    ['a claim finding nothing mean / p99', (s) => {
      const d = sorted(s.poller.emptyClaims);
      return `${mean(d).toFixed(2)} / ${fixed(percentile(d, 99), 2)} ms`;
    }],
    ['after both windows: claim from the watermark', (s) => `${s.fromWatermark.ms.toFixed(2)} ms, ${s.fromWatermark.buffers} buffers`],
    ['  claim from the index start', (s) => `${s.fromStart.ms.toFixed(2)} ms, ${s.fromStart.buffers} buffers`],
    ['  look from the index start', (s) => `${s.look.ms.toFixed(2)} ms, ${s.look.buffers} buffers`],
    ['pgbench -N, 8 clients (baseline)', () => `${Math.round(tps8)} TPS`],
    ['pgbench -N, 1 client (baseline)', () => `${Math.round(tps1)} TPS`],
  ]);
  table(`the poller alone (no-op handlers), ${SECONDS} s`, sizes, windowRows((s) => s.poller, SECONDS));
  table(`handling's handlers, ${HANDLER_SECONDS} s`, sizes, [
    ...windowRows((s) => s.handling, HANDLER_SECONDS),
    ['orders flagged (WorkOrderOverdue written)', (s) => String(s.handling.handlerWrites)],
  ]);
  const large = sizes.at(-1);
  if (large) {
    const at = `${large.seeded.orders.toLocaleString('en')} open orders, after both windows`;
    process.stdout.write(`\nthe claim from the watermark at ${at}:\n${large.fromWatermark.text.replace(/^/gm, '  ')}\n`);
    process.stdout.write(`\nthe look from the index start at ${at}:\n${large.look.text.replace(/^/gm, '  ')}\n`);
  }
}

async function main() {
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanUp().then(() => process.exit(143)));
  const loadBefore = loadavg()[0].toFixed(1);
  process.stdout.write('pgbench -N baseline (10 s with 8 clients, 10 s with 1)…\n');
  const scratch = await createTestDatabase('bench_pgbench');
  undo.push(() => scratch.drop());
  execFileSync(pgbenchBinary(), ['-i', '-q', scratch.url], { stdio: 'ignore' });
  const tps8 = pgbench(scratch.url, 8);
  const tps1 = pgbench(scratch.url, 1);
  await cleanUp();
  const sizes: SizeResult[] = [];
  for (const orders of ORDERS > SMALL ? [SMALL, ORDERS] : [Math.max(ORDERS, NEEDED)]) sizes.push(await oneSize(orders));
  report(sizes, tps8, tps1, `${loadBefore} → ${loadavg()[0].toFixed(1)}`);
}

main().then(
  () => process.exit(0),
  async (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    await cleanUp();
    process.exit(1);
  },
);

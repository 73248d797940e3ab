// The work one accepted request costs the platform, counted rather than timed (issue 18): the
// statements each service sends its database (its hl_db_statements_total), the transactions the
// database commits, the rows it writes, the events each stream takes
// and the deliveries each durable consumer receives, per request, for contacts registered at a
// rate well below capacity and followed until every consumer is idle again. Counts do not depend
// on how busy the machine is, so a change that removes work shows here even on shared cores,
// where timings cannot tell. An idle window measured first in the same run (timers, relays'
// safety polls) is subtracted, and `pgbench -N`'s single transaction is the unit beside it.
//
//   node dist/bench/lifecycle/work-per-request.js [--requests 300] [--rate 20] [--idle-seconds 10] [--http-base 3000]
// against the running platform (`npm start`, RATE_LIMIT_PER_MINUTE raised if --rate is high).
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { SERVICE_NAMES } from '@hotline/vocabulary';
import { pgbenchOnServer } from '../baseline';
import { agentToken, atFixedRate, registerContact, WorkOrderWatch } from './submissions';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return (i > 0 ? process.argv[i + 1] : undefined) ?? fallback;
};
const REQUESTS = Number(arg('requests', '300'));
const RATE = Number(arg('rate', '20'));
const IDLE_SECONDS = Number(arg('idle-seconds', '10'));
const TENANT = arg('tenant', 'city-3201');
const NATS_URL = arg('nats', process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222');
const NAMESPACE = arg('namespace', process.env['EVENT_NAMESPACE'] ?? '');
const ADMIN_URL = arg('pg', 'postgres://postgres@127.0.0.1:5432/postgres');
const DB_PREFIX = arg('db-prefix', process.env['HOTLINE_DB_PREFIX'] ?? 'hotline');
const STATE_DIR = arg('state', process.env['HOTLINE_STATE_DIR'] ?? '.local');
const HTTP_BASE = Number(arg('http-base', process.env['HOTLINE_HTTP_PORT_BASE'] ?? '3000'));
const INTAKE = arg('intake', `http://127.0.0.1:${HTTP_BASE + 1}`);

interface DbCounts {
  statements: number;
  commits: number;
  inserted: number;
  updated: number;
  deleted: number;
}
interface Sample {
  at: number;
  db: Record<string, DbCounts>;
  streams: Record<string, number>;
  /** Deliveries so far (consumer sequence) and what is still pending, per durable consumer. */
  consumers: Record<string, { delivered: number; pending: number }>;
}

const ns = NAMESPACE ? `${NAMESPACE.toUpperCase().replace(/-/g, '_')}_` : '';

/** The statements a service has sent its database, from its Prometheus text (the start command's ports: base + 1…5, in SERVICE_NAMES order). */
async function statementsSent(service: string): Promise<number> {
  const port = HTTP_BASE + SERVICE_NAMES.indexOf(service as (typeof SERVICE_NAMES)[number]) + 1;
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith('hl_db_statements_total{')) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  return total;
}

async function sample(pg: Client, jsm: Awaited<ReturnType<typeof jetstreamManager>>): Promise<Sample> {
  const rows = await pg.query(
    `select datname, xact_commit, tup_inserted, tup_updated, tup_deleted from pg_stat_database where datname = any($1)`,
    [SERVICE_NAMES.map((s) => `${DB_PREFIX}_${s}`)],
  );
  const db: Sample['db'] = {};
  for (const r of rows.rows) {
    const service = String(r.datname).slice(DB_PREFIX.length + 1);
    db[service] = {
      statements: await statementsSent(service),
      commits: Number(r.xact_commit),
      inserted: Number(r.tup_inserted),
      updated: Number(r.tup_updated),
      deleted: Number(r.tup_deleted),
    };
  }
  const streams: Sample['streams'] = {};
  const consumers: Sample['consumers'] = {};
  for (const service of SERVICE_NAMES) {
    const name = `${ns}HL_${service.toUpperCase()}_V1`;
    const info = await jsm.streams.info(name).catch(() => undefined);
    if (!info) continue;
    streams[service] = info.state.last_seq;
    for await (const c of jsm.consumers.list(name))
      consumers[c.name] = { delivered: c.delivered.consumer_seq, pending: c.num_pending + c.num_ack_pending };
  }
  return { at: performance.now(), db, streams, consumers };
}

/** pg_stat_database is flushed by each backend at most every 0.5 s (PG 15's stats interval). */
const settle = () => new Promise((r) => setTimeout(r, 1500));

async function main() {
  const pg = new Client({ connectionString: ADMIN_URL });
  await pg.connect();
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  const token = agentToken(STATE_DIR, TENANT);
  const tps = await pgbenchOnServer(ADMIN_URL, 5);

  await settle();
  const idleFrom = await sample(pg, jsm);
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const idleTo = await sample(pg, jsm);
  const idleSeconds = (idleTo.at - idleFrom.at) / 1000;

  const watch = await WorkOrderWatch.start(NATS_URL, NAMESPACE, TENANT);
  const from = await sample(pg, jsm);
  const results = await atFixedRate(RATE, REQUESTS, (i) => registerContact(INTAKE, token, 1_000_000 + i));
  const accepted = results.filter((r) => r.ok).map((r) => r.number as string);
  const refused = new Map<number, number>();
  for (const r of results) if (!r.ok) refused.set(r.status, (refused.get(r.status) ?? 0) + 1);
  const missing = await watch.waitFor(accepted, 120_000);
  await watch.stop();
  // Idle again: every consumer has nothing pending, twice in a row.
  let quiet = 0;
  for (let i = 0; i < 240 && quiet < 2; i++) {
    const s = await sample(pg, jsm);
    quiet = Object.values(s.consumers).every((c) => c.pending === 0) ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 500));
  }
  await settle();
  const to = await sample(pg, jsm);
  const seconds = (to.at - from.at) / 1000;
  const n = accepted.length;

  const per = (v: number) => (v / n).toFixed(2).padStart(7);
  const idleShare = (a: number, b: number) => ((b - a) / idleSeconds) * seconds;
  const lines = [
    `work per accepted request, ${new Date().toISOString()}: ${n} of ${REQUESTS} accepted at ${RATE}/s to ${TENANT}, ` +
      `${[...refused].map(([status, count]) => `${count} answered ${status || 'nothing'}, `).join('')}${missing.length} without a work order; ${seconds.toFixed(1)} s until every consumer was idle; ` +
      `idle work over ${idleSeconds.toFixed(1)} s subtracted`,
    `  pgbench -N: 5 statements (begin, an update, a select, an insert, end), 1 commit and 2 rows written per transaction (the unit)`,
    '',
    '  database   statements   commits   rows ins   rows upd   rows del   (per request)',
  ];
  const total = { statements: 0, commits: 0, inserted: 0, updated: 0, deleted: 0 };
  for (const service of SERVICE_NAMES) {
    const a = from.db[service];
    const b = to.db[service];
    if (!a || !b) continue;
    const d = (k: keyof DbCounts) => b[k] - a[k] - idleShare(idleFrom.db[service]?.[k] ?? 0, idleTo.db[service]?.[k] ?? 0);
    for (const k of Object.keys(total) as Array<keyof DbCounts>) total[k] += d(k);
    lines.push(`  ${service.padEnd(12)} ${per(d('statements'))}   ${per(d('commits'))}    ${per(d('inserted'))}    ${per(d('updated'))}    ${per(d('deleted'))}`);
  }
  lines.push(
    `  ${'all'.padEnd(12)} ${per(total.statements)}   ${per(total.commits)}    ${per(total.inserted)}    ${per(total.updated)}    ${per(total.deleted)}`,
    `  pgbench -N in this run: ${tps.toFixed(0)} TPS = ${(tps * 5).toFixed(0)} statements/s; at that rate the statements above allow ` +
      `${((tps * 5 * n) / total.statements).toFixed(0)} requests/s end to end (a ceiling: no CPU for the services themselves)`,
    '',
    '  stream        events (per request)',
  );
  let events = 0;
  for (const [service, seq] of Object.entries(to.streams)) {
    const d = seq - (from.streams[service] ?? seq);
    events += d;
    lines.push(`  ${service.padEnd(12)} ${per(d)}`);
  }
  lines.push(`  ${'all'.padEnd(12)} ${per(events)}`, '', '  durable consumer                                   deliveries (per request)');
  let deliveries = 0;
  for (const [name, c] of Object.entries(to.consumers).sort()) {
    const d = c.delivered - (from.consumers[name]?.delivered ?? c.delivered);
    deliveries += d;
    if (d > 0) lines.push(`  ${name.padEnd(50)} ${per(d)}`);
  }
  lines.push(`  ${'all'.padEnd(50)} ${per(deliveries)}`);
  console.log(lines.join('\n'));
  await nc.close();
  await pg.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

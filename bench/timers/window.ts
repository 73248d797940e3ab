// One measured window: timers of open orders coming due at a fixed rate, spread evenly, fired
// by the platform's TimerWorker with the handlers given (handling's, or ones doing nothing);
// the lateness of each (fired_at − due_at), the rate fired, and what every pass of the worker
// and its statements cost.
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { Events } from '@hotline/contracts';
import { CLAIM_DUE_TIMERS_SQL, inTenantTransaction, NEXT_DUE_SQL, ServiceContext, TIMER_BATCH_SIZE, TimerHandler, Timers, TimerWorker } from '@hotline/platform';
import { OVERDUE_TIMER_KINDS } from '../../services/handling/src/work-orders/work-order-timers';
import { TENANT } from './seed';

export interface WindowOptions {
  rate: number;
  seconds: number;
  pollMs: number;
  /** How long before its due each timer is scheduled. */
  leadMs: number;
  /** The window's timers fall on the open orders from this one on (by id), so windows never share an order. */
  firstOrder: number;
}

/** How many open orders a window's timers fall on (each order's sign-for and handling clocks). */
export const ordersFor = (rate: number, seconds: number) => Math.ceil(Math.round(rate * seconds) / 2);

export interface Tick {
  claimed: number;
  ms: number;
}

export interface ClaimProbe {
  /** A look from the start of the index (what the worker does once per poll interval). */
  fullMs: number;
  fullBuffers: number;
  /** The claim from the watermark that look gives (what the worker does on every pass). */
  ms: number;
  buffers: number;
}

export interface WindowResult {
  scheduled: number;
  fired: number;
  failed: number;
  /** ms, ascending. */
  lateness: number[];
  /** Fired per second while the timers came due. */
  firedPerSecond: number;
  /** The worker's passes that claimed something, in order. */
  ticks: Tick[];
  /** The worker's statements alone, run beside it every 250 ms (EXPLAIN ANALYZE: time and shared buffers). */
  probes: ClaimProbe[];
  /** Before the window, nothing due: the look a pass takes (the next due), ms each. */
  idleTicks: number[];
  /** Before the window, nothing due: a claim that finds nothing (a transaction), ms each. */
  emptyClaims: number[];
  /** The last timer fired, ms after the last one came due. */
  drainMs: number;
  /** How many handler runs wrote (flagged the order) rather than finding nothing to do. */
  handlerWrites: number;
  /** CPU ms per timer fired, from the first due to the last firing: this process (worker and scheduler), and the database's backends. */
  nodeCpuPerTimer: number;
  dbCpuPerTimer: number;
}

/** CPU ms so far of the backends connected to this database (this machine's PostgreSQL: /proc). */
async function backendCpuMs(client: Client): Promise<Map<number, number>> {
  const pids: number[] = (await client.query(`select pid from pg_stat_activity where datname = current_database()`)).rows.map((r) => r.pid);
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    } catch {
      // not on this machine, or gone
    }
  }
  return ticks;
}
const CLOCK_TICKS = 100;
const cpuDelta = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

/** TimerWorker's claim, for EXPLAIN beside the worker: without the row lock, so it never takes a timer the worker is about to claim. */
export function claimWithoutLock(): string {
  const sql = CLAIM_DUE_TIMERS_SQL.replace(/\s+for update skip locked\s*$/, '');
  if (sql === CLAIM_DUE_TIMERS_SQL) throw new Error('the claim statement changed: update bench/timers');
  return sql;
}

/** TimerWorker with each pass timed (the platform's loop calls fireDue once a tick). */
class TimedTimerWorker extends TimerWorker {
  readonly ticks: Tick[] = [];
  recording = false;

  protected override async fireFrom(from: string): Promise<number> {
    const started = performance.now();
    const claimed = await super.fireFrom(from);
    if (this.recording && claimed > 0) this.ticks.push({ claimed, ms: performance.now() - started });
    return claimed;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runWindow(ctx: ServiceContext, url: string, handlers: Record<string, TimerHandler>, options: WindowOptions): Promise<WindowResult> {
  const total = Math.round(options.rate * options.seconds);
  const half = ordersFor(options.rate, options.seconds);
  // Each order gets its sign-for and its handling clock's timer, half a window apart.
  const orders: string[] = await inTenantTransaction(ctx.dataSource, TENANT, async (m) =>
    (await m.query(`select id from work_orders where status = 'awaiting-sign' order by id offset $1 limit $2`, [options.firstOrder, half])).map((r: { id: string }) => r.id),
  );
  if (orders.length < half) throw new Error(`${total} timers need ${half} open orders; the database has ${orders.length}`);
  const due = (i: number) => ({
    kind: i % 2 === 0 ? OVERDUE_TIMER_KINDS['sign-for'] : OVERDUE_TIMER_KINDS.handling,
    key: i % 2 === 0 ? orders[i / 2] : orders[(Math.floor(i / 2) + Math.floor(half / 2)) % half],
  });

  const worker = new TimedTimerWorker(ctx.dataSource, handlers, ctx.logger, { workerId: 'bench-timers', pollMs: options.pollMs }, ctx.metrics);
  const kinds = Object.keys(handlers);
  const idleTicks: number[] = [];
  const emptyClaims: number[] = [];
  for (let i = 0; i < 200; i++) {
    let t = performance.now();
    await ctx.dataSource.query(NEXT_DUE_SQL, [kinds, '-infinity']);
    idleTicks.push(performance.now() - t);
    t = performance.now();
    await worker.fireDue();
    emptyClaims.push(performance.now() - t);
  }

  const probe = new Client({ connectionString: url });
  await probe.connect();
  const probes: ClaimProbe[] = [];
  const claim = claimWithoutLock();
  let probing = true;
  const explained = async (sql: string, params: unknown[]) => {
    const [{ 'QUERY PLAN': [plan] }] = (await probe.query(`explain (analyze, buffers, format json) ${sql}`, params)).rows;
    return { ms: plan['Execution Time'] as number, buffers: (plan.Plan['Shared Hit Blocks'] ?? 0) + (plan.Plan['Shared Read Blocks'] ?? 0) };
  };
  const probing$ = (async () => {
    while (probing) {
      const full = await explained(NEXT_DUE_SQL, [kinds, '-infinity']);
      const [{ at }] = (await probe.query(NEXT_DUE_SQL, [kinds, '-infinity'])).rows;
      const fromWatermark = await explained(claim, [kinds, TIMER_BATCH_SIZE, at ?? '-infinity']);
      probes.push({ fullMs: full.ms, fullBuffers: full.buffers, ...fromWatermark });
      await sleep(250);
    }
  })();

  // The schedule: the dues at t0 + lead + i/rate; every 50 ms the next 50 ms of them, each with
  // Timers.schedule (the upsert that moves the order's pending timer), in one transaction.
  const t0 = Date.now();
  const firstDue = t0 + options.leadMs;
  const lastDue = firstDue + ((total - 1) * 1000) / options.rate;
  const watch = new Client({ connectionString: url });
  await watch.connect();
  const overdueEvents = async () =>
    (await watch.query(`select count(*)::int as n from outbox where event_type = $1`, [Events.handling.workOrderOverdue.type])).rows[0].n as number;
  const eventsBefore = await overdueEvents();
  const nodeCpuBefore = process.cpuUsage();
  const dbCpuBefore = await backendCpuMs(watch);
  worker.recording = true;
  worker.start();
  let next = 0;
  const slice = 50;
  for (let at = t0; next < total; at += slice) {
    const wait = at - Date.now();
    if (wait > 0) await sleep(wait);
    const until = Math.min(total, Math.ceil(((at + slice - t0) * options.rate) / 1000));
    const batch: number[] = [];
    for (; next < until; next++) batch.push(next);
    if (batch.length === 0) continue;
    await inTenantTransaction(ctx.dataSource, TENANT, async (m) => {
      for (const i of batch) {
        const { kind, key } = due(i);
        await Timers.schedule(m, { tenantId: TENANT, kind, key, dueAt: new Date(firstDue + (i * 1000) / options.rate), payload: { workOrderId: key } });
      }
    });
  }

  // Drain: until none of the window's timers is pending (an index range scan of timers_due over
  // the window alone), at most 120 s after the last due.
  const windowStart = new Date(firstDue - 1);
  const windowEnd = new Date(lastDue + 1);
  const pending = async () =>
    (await watch.query(`select count(*)::int as n from timers where state = 'pending' and due_at >= $1 and due_at <= $2`, [windowStart, windowEnd])).rows[0].n;
  while (Date.now() < lastDue || ((await pending()) > 0 && Date.now() < lastDue + 120_000)) await sleep(200);
  const nodeCpu = process.cpuUsage(nodeCpuBefore);
  const dbCpu = cpuDelta(dbCpuBefore, await backendCpuMs(watch));
  worker.recording = false;
  await worker.stop();
  probing = false;
  await probing$;
  await probe.end();

  const rows: Array<{ ms: number; state: string; fired_at: Date }> = (
    await watch.query(
      `select extract(epoch from fired_at - due_at) * 1000 as ms, state, fired_at from timers where due_at >= $1 and due_at <= $2`,
      [windowStart, windowEnd],
    )
  ).rows;
  const fired = rows.filter((r) => r.state === 'fired');
  const lateness = fired.map((r) => Number(r.ms)).sort((a, b) => a - b);
  const lastFired = Math.max(...fired.map((r) => r.fired_at.getTime()));
  const firedInWindow = fired.filter((r) => r.fired_at.getTime() <= lastDue).length;
  const handlerWrites = (await overdueEvents()) - eventsBefore;
  await watch.end();
  return {
    scheduled: total,
    fired: fired.length,
    failed: rows.filter((r) => r.state === 'failed').length,
    lateness,
    firedPerSecond: firedInWindow / ((lastDue - firstDue) / 1000),
    ticks: worker.ticks,
    probes,
    idleTicks,
    emptyClaims,
    drainMs: lastFired - lastDue,
    handlerWrites,
    nodeCpuPerTimer: (nodeCpu.user + nodeCpu.system) / 1000 / (fired.length || 1),
    dbCpuPerTimer: dbCpu / (fired.length || 1),
  };
}

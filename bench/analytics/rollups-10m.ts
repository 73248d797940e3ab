// Rates, rankings and the hotspot view over 10,000,000 requests of one tenant (issue 17): the
// answers from the rollups the consumers keep, beside the same queries computed from the raw
// facts (the reference), p50/p99 each, and pgbench -N of the same run as the machine's baseline.
// The facts are loaded with generate_series in SQL (no events), the rollups built with the
// rebuild command's function (`rollups rebuild`), and every timed pair is checked to agree.
// Run: node tools/build.mjs && node dist/bench/analytics/rollups-10m.js [-- --requests 10000000 --runs 20 --fact-runs 3]
import { Client } from 'pg';
import { RatesQuery } from '../../services/analytics/src/metrics/metrics.schemas';
import { factRateCounts, rateRows, RateCountSource } from '../../services/analytics/src/metrics/rates.query';
import { analyticsService } from '../../services/analytics/src/analytics.service';
import { factHotspots, rollupHotspots } from '../../services/analytics/src/rollups/hotspot-volumes.query';
import { rollupRateCounts } from '../../services/analytics/src/rollups/rollup-rates.query';
import { rebuildRollups } from '../../services/analytics/src/rollups/rollups.repository';
import { migrate, openServiceContext, OpenedContext, TenantDb } from '@hotline/platform';
import { ADMIN_DATABASE_URL, createTestDatabase, deleteNamespaceStreams, serviceEnv, SHARED_NATS_URL, uniqueNamespace } from '@hotline/testing';
import { pgbenchOnServer } from '../baseline';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number (got ${raw})`);
  return value;
}

const REQUESTS = Math.round(flag('requests', 10_000_000));
const RUNS = Math.round(flag('runs', 20));
const FACT_RUNS = Math.round(flag('fact-runs', 3));
const CHUNK = 1_000_000;
const DAYS = 365;
const TENANT = 'city-bench';

// Everything made is undone at the end, on failure and on Ctrl-C too: last made, first undone.
const undo: Array<() => Promise<unknown>> = [];
async function cleanUp() {
  for (const step of undo.splice(0).reverse()) await step().catch((err: Error) => process.stderr.write(`clean-up: ${err.message}\n`));
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// One request in a hundred is recent and still open; one in two hundred is terminated. A
// request's category is skewed (the hotspot view has a head), its area one of twelve, its unit
// follows from both (the dispatch catalog), one in ten has an assisting order of another unit.
const REQUEST_ROWS = `(
  select i, h, d, cat, area, i > $3::bigint * 99 / 100 as open, i % 200 = 0 as term,
    'u' || lpad(((cat * 7 + area * 3) % 80)::text, 2, '0') as unit
  from (
    select i, abs(hashint4(i::int)) as h, (current_date - ${DAYS} + (i * ${DAYS} / ($3::bigint + 1))::int) as d,
      floor(200 * power((abs(hashint4(i::int + 7)) % 1000000) / 1e6, 2))::int as cat, abs(hashint4(i::int + 13)) % 12 as area
    from generate_series($1::bigint, $2::bigint) i
  ) s
) r`;

async function loadChunk(admin: Client, lo: number, hi: number): Promise<void> {
  const params = [lo, hi, REQUESTS, TENANT];
  await admin.query(
    `insert into request_facts (tenant_id, request_id, received_at, day, request_type, urgency, category_code, area_code, channel,
       status, status_at, status_sequence, anonymous, closed_at, revisit_outcome, terminated_at, termination_reason)
     select $4, 'r' || i, d + time '09:00', d, 'complaint', 'normal', 'C' || lpad(cat::text, 3, '0'), '3201' || lpad(area::text, 2, '0'), 'phone',
       case when open then 'in-progress' when term then 'terminated' else 'closed' end, d + time '09:00', 5, false,
       case when not open and not term then d + 6 end, case when not open and not term and h % 10 < 7 then 'evaluated' when not open and not term and h % 10 = 7 then 'skipped' end,
       case when term then d + 2 end, case when term then 'repeated-no-new-facts' end
     from ${REQUEST_ROWS}`,
    params,
  );
  // A primary order for each request, an assisting one for one in ten. Orders of open requests
  // are unanswered (their handling due mostly ahead), one in three unsigned too.
  await admin.query(
    `insert into work_order_facts (tenant_id, work_order_id, request_id, unit_id, unit_code, unit_name, role, category_code, area_code, day,
       created_at, sign_due_at, signed_at, signed_on_time, handle_due_at, answered_at, answered_on_time, handling_working_hours,
       sign_overdue, handle_overdue, urges, urge_notice_at, supervisions, cancelled_at, reopened_at, due_provisional)
     select $4, 'o' || i || k.role, 'r' || i, k.unit, upper(k.unit), '单位' || k.unit, k.role, 'C' || lpad(cat::text, 3, '0'), '3201' || lpad(area::text, 2, '0'), d,
       d + time '09:10', d + time '11:10',
       case when open and h % 3 = 0 then null else d + time '09:10' + (h % 180) * interval '1 minute' end, h % 180 < 120,
       d + time '09:10' + interval '5 days',
       case when open then null else d + time '09:10' + ((h / 7) % 200) * interval '1 hour' end, (h / 7) % 200 < 120, ((h / 7) % 200) * 0.5,
       h % 180 >= 120, (h / 7) % 200 >= 120 and not open, case when h % 20 = 0 then 1 else 0 end, case when h % 100 = 0 then d + 3 end,
       case when h % 97 = 0 then 1 else 0 end, case when term then d + 2 end, case when h % 50 = 0 then d + time '09:30' end, false
     from ${REQUEST_ROWS}
     cross join lateral (select 'primary' as role, unit union all select 'assisting', 'u' || lpad(((cat * 7 + area * 3 + 1) % 80)::text, 2, '0') where h % 10 = 3) k`,
    params,
  );
  // The latest revisit of seven in ten closed requests, and a skip for one in ten; the hotline's
  // own check (未评价) for some; half the dissatisfied judged reasonable (重办), half unreasonable.
  await admin.query(
    `insert into revisit_facts (tenant_id, request_id, revisit_id, unit_id, resolved, satisfaction, recorded_at, outcome, skip_reason, resolution, respondent, defaulted)
     select $4, 'r' || i, case when h % 10 < 7 then 'rv' || i end, unit, case when h % 10 < 7 then (h / 13) % 4 < 2 end,
       case when h % 10 >= 7 then null when (h / 11) % 10 < 6 then 'satisfied' when (h / 11) % 10 < 8 then 'basically-satisfied' when (h / 11) % 10 = 8 then 'dissatisfied' end,
       d + 5, case when h % 10 < 7 then 'evaluated' else 'skipped' end,
       case when h % 10 = 7 then (case when h % 20 = 7 then 'attempts-exhausted' else 'not-sampled' end) end,
       case when h % 10 < 7 then (array['resolved', 'resolved', 'partly-resolved', 'unresolved'])[(h / 13) % 4 + 1] end,
       case when h % 10 < 7 then (case when (h / 11) % 10 = 9 then 'hotline' else 'requester' end) end, h % 10 < 7 and h % 1000 = 1
     from ${REQUEST_ROWS} where not open and not term and h % 10 < 8`,
    params,
  );
  await admin.query(
    `insert into evaluation_judgements (tenant_id, revisit_id, request_id, unit_id, work_order_id, judgement, judged_at)
     select $4, 'rv' || i, 'r' || i, unit, 'o' || i || 'primary', case when i % 2 = 0 then 'reasonable' else 'unreasonable' end, d + 5
     from ${REQUEST_ROWS} where not open and not term and h % 10 < 7 and (h / 11) % 10 = 8`,
    params,
  );
}

interface Timing {
  p50: number;
  p99: number;
  result: unknown;
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    result = await work();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)] as number;
  return { p50: at(50), p99: at(99), result };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function main() {
  const started = Date.now();
  const db = await createTestDatabase('bench_rollups');
  // --keep-database leaves it for a look at the plans (psql -U postgres DBNAME); drop it by hand after.
  if (process.argv.includes('--keep-database')) log(`database ${db.name} kept`);
  else undo.push(() => db.drop());
  const namespace = uniqueNamespace();
  undo.push(() => deleteNamespaceStreams(SHARED_NATS_URL, namespace));
  await migrate({ url: db.url, entities: analyticsService.entities, migrations: analyticsService.migrations });
  const opened: OpenedContext = await openServiceContext(analyticsService, { ...serviceEnv({ databaseUrl: db.url, natsUrl: SHARED_NATS_URL, namespace }), LOG_LEVEL: 'warn' });
  undo.push(() => opened.close());
  const tenantDb: TenantDb = opened.context.db;

  // The loader connects as the server's superuser: row-level security does not stand in its way.
  const adminUrl = new URL(ADMIN_DATABASE_URL);
  adminUrl.pathname = `/${db.name}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  undo.push(() => admin.end());

  log(`${REQUESTS.toLocaleString('en')} requests of ${TENANT} over ${DAYS} days`);
  const loading = Date.now();
  for (let lo = 1; lo <= REQUESTS; lo += CHUNK) {
    const hi = Math.min(REQUESTS, lo + CHUNK - 1);
    await loadChunk(admin, lo, hi);
    process.stderr.write(`  loaded ${hi.toLocaleString('en')} (${seconds(loading)})\n`);
  }
  await admin.query(`vacuum analyze request_facts, work_order_facts, revisit_facts, evaluation_judgements`);
  const [counts] = (
    await admin.query(`select (select count(*) from request_facts) as requests, (select count(*) from work_order_facts) as orders,
      (select count(*) from revisit_facts) as revisits, (select count(*) from evaluation_judgements) as judgements`)
  ).rows;
  log(`  loaded in ${seconds(loading)}: ${counts.requests} requests, ${counts.orders} work orders, ${counts.revisits} revisits, ${counts.judgements} judgements`);

  const building = Date.now();
  const rows = await tenantDb.run(TENANT, (m) => rebuildRollups(m, TENANT));
  await admin.query(`vacuum analyze rate_rollups`);
  const sizes = (
    await admin.query(`select relname, pg_size_pretty(pg_total_relation_size(oid)) as size from pg_class
      where relname in ('request_facts', 'work_order_facts', 'revisit_facts', 'rate_rollups') order by relname`)
  ).rows.map((r: { relname: string; size: string }) => `${r.relname} ${r.size}`);
  log(`  rollups rebuilt in ${seconds(building)}: ${rows.toLocaleString('en')} rows; ${sizes.join(', ')}`);

  const today = new Date();
  const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const month = { from: isoDay(monthStart), to: isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0))) };
  const year = { from: isoDay(new Date(today.getTime() - DAYS * 86_400_000)), to: isoDay(today) };
  const monday = new Date(today.getTime() - (((today.getUTCDay() + 6) % 7) + 7) * 86_400_000);
  const week = { from: isoDay(monday), to: isoDay(new Date(monday.getTime() + 6 * 86_400_000)) };
  const now = new Date();
  const rates = (q: Omit<RatesQuery, 'limit' | 'offset'>) => (source: RateCountSource) => () =>
    rateRows(tenantDb, TENANT, { ...q, limit: 1000, offset: 0 } as RatesQuery, now, source);
  const hotspots = (source: typeof rollupHotspots) => () => tenantDb.read(TENANT, (m) => source(m, week, 20));

  const cases: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
    [`rates total, a month (${month.from}..${month.to})`, rates({ groupBy: 'month', ...month })(rollupRateCounts), rates({ groupBy: 'month', ...month })(factRateCounts)],
    [`rates by month, a year`, rates({ groupBy: 'month', ...year })(rollupRateCounts), rates({ groupBy: 'month', ...year })(factRateCounts)],
    [`ranking by unit, a month`, rates({ groupBy: 'unit', ...month })(rollupRateCounts), rates({ groupBy: 'unit', ...month })(factRateCounts)],
    [`rates by category, a month`, rates({ groupBy: 'category', ...month })(rollupRateCounts), rates({ groupBy: 'category', ...month })(factRateCounts)],
    [`rates by area, a month`, rates({ groupBy: 'area', ...month })(rollupRateCounts), rates({ groupBy: 'area', ...month })(factRateCounts)],
    [`ranking by unit, a year`, rates({ groupBy: 'unit', ...year })(rollupRateCounts), rates({ groupBy: 'unit', ...year })(factRateCounts)],
    [`hotspot top 20 category × area, a week`, hotspots(rollupHotspots), hotspots(factHotspots)],
  ];
  const tps = await pgbenchOnServer(ADMIN_DATABASE_URL, 10, 8);
  log('');
  log(`${'query'.padEnd(44)} ${'rollups p50'.padStart(12)} ${'p99'.padStart(9)}   ${'facts p50'.padStart(10)} ${'p99'.padStart(9)}  ${'speed-up'.padStart(8)}  same answer`);
  let allSame = true;
  for (const [name, fromRollups, fromFacts] of cases) {
    await fromRollups(); // warm
    const r = await timed(RUNS, fromRollups);
    const f = await timed(FACT_RUNS, fromFacts);
    const same = JSON.stringify(r.result) === JSON.stringify(f.result);
    allSame &&= same;
    log(`${name.padEnd(44)} ${r.p50.toFixed(1).padStart(9)} ms ${r.p99.toFixed(1).padStart(6)} ms   ${f.p50.toFixed(1).padStart(7)} ms ${f.p99.toFixed(1).padStart(6)} ms  ${(f.p50 / r.p50).toFixed(0).padStart(7)}×  ${same ? 'yes' : 'NO'}`);
  }
  log(`pgbench -N (baseline, same server)           ${tps.toFixed(0)} TPS`);
  log(`rollup runs ${RUNS}, fact runs ${FACT_RUNS}; total ${seconds(started)}`);
  if (!allSame) process.exitCode = 1;
}

process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
main()
  .catch((err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());

// Fault injection with reconciliation: the five services as processes on a private PostgreSQL
// and a private NATS JetStream, online submissions at a fixed rate, one fault per scenario, then
// every accepted request reconciled across the services. Exits 1 when a request was lost or
// doubled (or a scenario could not run).
//
//   npm run chaos                      every scenario (about 16 minutes on 2 cores)
//   npm run chaos -- --short           about 4 minutes (also CHAOS_SHORT=1)
//   npm run chaos -- --only kill-intake,nats-restart [--rate 10] [--json out.json] [--keep]
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { PrivateNatsServer } from '@hotline/testing';
import { killEveryService } from './platform';
import { PrivatePostgres } from './private-postgres';
import { failing, isFailed, Outcome, scenarioReport, summaryReport } from './report';
import { runScenario, Timing } from './run-scenario';
import { ALL, FULL, Scenario, SHORT } from './scenarios';

const ROOT = resolve(__dirname, '../../..');

const flag = (name: string) => process.argv.includes(`--${name}`);
const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const short = flag('short') || process.env['CHAOS_SHORT'] === '1';
const rate = Number(option('rate') ?? 10);
const timing: Timing = {
  rate,
  leadInMs: 10_000,
  tailMs: short ? 10_000 : 15_000,
  quietMs: 5_000,
  stallMs: 60_000,
  capMs: short ? 150_000 : 300_000,
  retryWindowMs: 30_000,
  driveEvery: 10,
};

function chosenScenarios(): readonly Scenario[] {
  const only = option('only')?.split(',');
  if (!only) return short ? SHORT : FULL;
  const unknown = only.filter((n) => !ALL.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${ALL.map((s) => s.name).join(', ')}`);
  return ALL.filter((s) => only.includes(s.name));
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * The services run from a copy of dist/ taken at the start, so a build in the same checkout
 * during the run (it empties dist/) cannot take away the code a restarted service needs.
 */
function snapshotBuild(runDir: string): string {
  const distDir = join(runDir, 'dist');
  for (const part of ['services', 'libs']) cpSync(join(ROOT, 'dist', part), join(distDir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(runDir, 'node_modules'));
  return distDir;
}

async function main(): Promise<number> {
  const scenarios = chosenScenarios();
  const log = (line: string) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const runDir = mkdtempSync(join(tmpdir(), 'hotline-chaos-'));
  // The PostgreSQL server runs as the postgres OS user, which must reach its directory inside.
  chmodSync(runDir, 0o755);
  const logDir = join(runDir, 'logs');
  mkdirSync(logDir);
  const distDir = snapshotBuild(runDir);
  log(`${scenarios.length} scenario(s) at ${rate}/s: ${scenarios.map((s) => s.name).join(', ')}; run directory ${runDir}`);
  const postgres = PrivatePostgres.create(join(runDir, 'postgres'), await freePort());
  const nats = await PrivateNatsServer.start();
  // Interrupted (Ctrl-C, a test runner giving up): nothing this run started may outlive it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      killEveryService();
      void nats.pause();
      postgres.destroy();
      rmSync(runDir, { recursive: true, force: true });
      process.exit(130);
    });
  const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  const outcomes: Outcome[] = [];
  try {
    for (const [index, scenario] of scenarios.entries()) {
      let outcome: Outcome;
      try {
        outcome = await runScenario(scenario, { distDir, logDir, postgres, nats, nc, index, timing, log });
      } catch (err) {
        outcome = { name: scenario.name, fault: scenario.fault, error: (err as Error).stack ?? String(err) };
      }
      outcomes.push(outcome);
      process.stdout.write(`\n${scenarioReport(outcome, rate)}\n`);
    }
  } finally {
    await nc.close().catch(() => undefined);
    await nats.stop();
    if (flag('keep')) {
      postgres.stop();
      log(`kept ${runDir} (service logs in ${logDir}, the stopped PostgreSQL in ${join(runDir, 'postgres')})`);
    } else {
      postgres.destroy();
      rmSync(runDir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`\n${summaryReport(outcomes)}`);
  const json = option('json');
  if (json) writeFileSync(json, JSON.stringify({ rate, short, outcomes }, null, 2));
  const failed = failing(outcomes);
  process.stdout.write(
    failed
      ? `FAILED: ${outcomes.filter((o) => isFailed(o) || o.reconciliation.lost + o.reconciliation.doubled > 0).map((o) => o.name).join(', ')}\n`
      : 'every accepted request reconciled: 0 lost, 0 doubled\n',
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(2);
  },
);

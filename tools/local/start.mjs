// `npm start`: the whole platform on one machine. Finds or starts PostgreSQL and NATS, creates
// each service's role and database, runs the same migrate and main entry points the container
// images run, waits until every /readyz answers 200, seeds the demo tenant and prints where to
// go. It supervises the services (supervisor.mjs): one that exits is started again, the others
// keep running. Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localGrpcTls, LOCAL_CLIENT } from './grpc-tls.mjs';
import { localLinkage } from './linkage-110.mjs';
import { ensureServiceDatabase, resolveNats, resolvePostgres } from './infrastructure.mjs';
import { DEMO_PROVINCE, DEMO_TENANTS, demoTokens, provinceToken, registerDemoTenants, seedDemoTenant } from './demo-tenant.mjs';
import { localPorts, SERVICES } from './services.mjs';
import { READY_WITHIN_MS, seconds, supervise } from './supervisor.mjs';
import { serveConsole } from './console-server.mjs';
import { consoleStale } from '../../apps/console/scripts/build.mjs';

const root = resolve(import.meta.dirname, '../..');
const stateDir = resolve(process.env.HOTLINE_STATE_DIR ?? join(root, '.local'));
const dbPrefix = process.env.HOTLINE_DB_PREFIX ?? 'hotline';
const log = (msg) => process.stdout.write(`[start] ${msg}\n`);
const logFile = (name) => join(stateDir, 'logs', `${name}.log`);
const CONSOLE_DIST = join(root, 'apps/console/dist');
mkdirSync(join(stateDir, 'logs'), { recursive: true });

/** A random secret kept in the state directory, so tokens and encrypted PII survive restarts. */
function localSecret(name, encoding) {
  const file = join(stateDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString(encoding), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

// The running services' PIDs (null while one is down), for whoever needs to signal one.
const pidsFile = join(stateDir, 'pids.json');
const pids = {};
const recordPid = (name) => (pid) => {
  pids[name] = pid;
  writeFileSync(pidsFile, JSON.stringify(pids, null, 2));
};

const supervised = [];
const stoppers = [];
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping…');
  await Promise.all(supervised.map((s) => s.stop()));
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  rmSync(pidsFile, { force: true });
  log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function giveUp(message) {
  process.stderr.write(`[start] ${message}\n`);
  void shutdown(1);
}

/** Resolves when every service has answered /readyz once; rejects naming those that did not in time. */
async function allReady(services) {
  const waiting = new Set(services.map((s) => s.name));
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const names = [...waiting];
      reject(new Error(`${names.join(', ')} not ready after ${seconds(READY_WITHIN_MS)}; see ${names.map(logFile).join(', ')}`));
    }, READY_WITHIN_MS);
  });
  const ready = Promise.all(services.map((s) => s.firstReady.then(() => waiting.delete(s.name))));
  try {
    await Promise.race([ready, late]);
  } finally {
    clearTimeout(timer);
  }
}

function bootstrapProvince(env) {
  const p = DEMO_PROVINCE;
  const args = ['tenants', 'register', '--code', p.tenant, '--name', p.name, '--kind', 'province', '--region', p.region, '--by', 'npm-start'];
  const run = spawnSync('node', ['dist/services/intake/src/main.js', ...args], { cwd: root, env: { ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 2) throw new Error(`registering ${p.tenant} failed:\n${run.stdout}${run.stderr}`);
}

async function main() {
  const began = Date.now();
  if (!existsSync(join(root, 'dist/services/intake/src/main.js'))) {
    log('building…');
    if (spawnSync('node', ['tools/build.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  }
  const postgres = await resolvePostgres(stateDir, log);
  stoppers.push(postgres.stop);
  const nats = await resolveNats(stateDir, log);
  stoppers.push(nats.stop);
  const secret = process.env.AUTH_LOCAL_SECRET ?? localSecret('auth-secret', 'hex');
  const piiKey = process.env.PII_MASTER_KEY ?? localSecret('pii-master-key', 'base64');
  const grpcTls = localGrpcTls(stateDir, SERVICES, DEMO_TENANTS.map((t) => t.tenant), log);
  // The 110 interconnect needs mutual TLS: with openssl, intake serves its gateway and a
  // simulated 110 per demo city answers it.
  const linkage = grpcTls ? localLinkage(stateDir, grpcTls.ca, DEMO_TENANTS.map((t) => t.tenant), localPorts(-1).grpc) : undefined;
  if (linkage) stoppers.push(await linkage.startPeers());

  const started = [];
  for (const [index, name] of SERVICES.entries()) {
    const databaseUrl = await ensureServiceDatabase(postgres.adminUrl, `${dbPrefix}_${name}`, 'hotline-local');
    const migrating = Date.now();
    const migrate = spawnSync('node', [`dist/services/${name}/src/migrate.js`], {
      cwd: root,
      // intake's and handling's migrations encrypt stored free text: they need the PII key.
      env: { ...process.env, DATABASE_URL: databaseUrl, ...(name === 'intake' || name === 'handling' ? { PII_MASTER_KEY: piiKey } : {}) },
      encoding: 'utf8',
    });
    if (migrate.status !== 0) throw new Error(`${name} migrate failed:\n${migrate.stderr}`);
    log(`${migrate.stdout.trim()} (migrate ${seconds(Date.now() - migrating)})`);
    if (shuttingDown) return;
    const ports = localPorts(index);
    const env = {
      ...process.env,
      SERVICE_NAME: name,
      HTTP_PORT: String(ports.http),
      GRPC_PORT: String(ports.grpc),
      HTTP_HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      NATS_URL: nats.url,
      AUTH_MODE: 'local',
      AUTH_LOCAL_SECRET: secret,
      // The services that keep personal data encrypted.
      ...(name === 'intake' || name === 'handling' ? { PII_MASTER_KEY: piiKey } : {}),
      ...grpcTls?.env[name],
      ...(name === 'intake' ? linkage?.env : {}),
    };
    // One log file across restarts: each run appends, and no run's end closes it.
    const out = createWriteStream(logFile(name), { flags: 'a' });
    const launch = () => {
      const child = spawn('node', ['--enable-source-maps', `dist/services/${name}/src/main.js`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
      return child;
    };
    const url = `http://127.0.0.1:${ports.http}`;
    const service = supervise({ name, launch, readyUrl: `${url}/readyz`, logFile: logFile(name), log, onPid: recordPid(name), onGiveUp: giveUp });
    supervised.push(service);
    started.push({ name, url, env, grpc: `127.0.0.1:${ports.grpc}`, firstReady: service.firstReady });
  }
  await allReady(started);
  // The province tenant comes from intake's own registry command (exit 2: it is there already),
  // once intake has shown its configuration is good; the demo cities are then registered
  // through the API with the province operator's token.
  bootstrapProvince(started.find((s) => s.name === 'intake').env);

  const urls = Object.fromEntries(started.map((s) => [s.name, s.url]));
  const dataDir = resolve(process.env.HOTLINE_DATA_DIR ?? join(root, '../shared/data'));
  const tokens = { [DEMO_PROVINCE.tenant]: { 'province-operator': await provinceToken(secret) } };
  for (const t of DEMO_TENANTS) tokens[t.tenant] = await demoTokens(secret, t.tenant);
  await registerDemoTenants(urls, tokens[DEMO_PROVINCE.tenant]['province-operator'], tokens, log);
  for (const t of DEMO_TENANTS) await seedDemoTenant(urls, t, tokens[t.tenant], dataDir, log);
  writeFileSync(join(stateDir, 'demo-tokens.json'), JSON.stringify(tokens, null, 2));

  // The console (built by `npm start` before this script), on one origin with every service's
  // API behind it at /api/<service>/.
  const consoleServer = existsSync(join(CONSOLE_DIST, 'index.html'))
    ? await serveConsole({ port: localPorts(-1).http, distDir: CONSOLE_DIST, services: urls, tokensFile: join(stateDir, 'demo-tokens.json') })
    : undefined;
  if (consoleServer) stoppers.push(consoleServer.close);
  if (consoleServer && consoleStale()) log('console: its sources changed since the last build; `npm run console:build` rebuilds it');

  const lines = [
    '',
    'The 12345 hotline platform is running.',
    '',
    consoleServer
      ? `  console    ${consoleServer.url}   (zh-CN web console; the APIs behind it at ${consoleServer.url}/api/<service>/; public page ${consoleServer.url}/#/public/${DEMO_TENANTS[0].tenant})`
      : '  console    not built: `npm run console:build`, then start again (`npm start` builds it)',
    ...started.map((s) => `  ${s.name.padEnd(10)} http ${s.url}   gRPC ${s.grpc}   ready ${s.url}/readyz`),
    '',
    `  demo tenants ${DEMO_TENANTS.map((t) => t.tenant).join(', ')}; bearer tokens per tenant and role: ${join(stateDir, 'demo-tokens.json')}`,
    ...(grpcTls
      ? [
          `  gRPC: mutual TLS; development CA ${grpcTls.ca.certFile}; a client certificate (${LOCAL_CLIENT}, supervisor of the demo cities; or send a demo bearer token)`,
          `        ${grpcTls.client.certFile} and ${grpcTls.client.keyFile}`,
        ]
      : ['  gRPC: plaintext (no openssl for the development CA); bearer tokens only']),
    linkage
      ? `  110 interconnect: intake's gateway ${linkage.gateway} (mutual TLS); simulated 110 ${linkage.peers.map((p) => `${p.tenant} ${p.address}`).join(', ')}, accepting every transfer (docs/linkage.md)`
      : '  110 interconnect: off (it needs the mutual TLS that openssl provides)',
    `  logs: ${join(stateDir, 'logs')}; process ids: ${pidsFile}`,
    '',
    '  try:',
    `    TOKEN=$(node -p "require('${join(stateDir, 'demo-tokens.json')}')['city-3201']['agent']")`,
    `    curl -s -H "authorization: Bearer $TOKEN" ${urls.intake}/v1/requests`,
    `  the whole walk from submission to archive: README.md, "Walk a request from submission to archive"`,
    '',
    'A service that exits is started again (the others keep running); Ctrl-C stops everything this command started.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  log(`platform ready in ${seconds(Date.now() - began)}`);
}

main().catch((err) => {
  process.stderr.write(`[start] ${err.message}\n`);
  void shutdown(1);
});

// `npm start`: the whole platform on one machine. Finds or starts PostgreSQL and NATS, creates
// each service's role and database, runs the same migrate and main entry points the container
// images run, waits until every /readyz answers 200, seeds the demo tenant and prints where to
// go. Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureServiceDatabase, resolveNats, resolvePostgres } from './infrastructure.mjs';
import { DEMO_TENANTS, demoTokens, seedDemoTenant } from './demo-tenant.mjs';
import { localPorts, SERVICES } from './services.mjs';

const root = resolve(import.meta.dirname, '../..');
const stateDir = resolve(process.env.HOTLINE_STATE_DIR ?? join(root, '.local'));
const dbPrefix = process.env.HOTLINE_DB_PREFIX ?? 'hotline';
const log = (msg) => process.stdout.write(`[start] ${msg}\n`);
mkdirSync(join(stateDir, 'logs'), { recursive: true });

/** A random secret kept in the state directory, so tokens and encrypted PII survive restarts. */
function localSecret(name, encoding) {
  const file = join(stateDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString(encoding), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const children = [];
const stoppers = [];
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping…');
  await Promise.all(
    children.filter((c) => c.exitCode === null).map((c) => new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); })),
  );
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function waitReady(name, url, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${join(stateDir, 'logs', `${name}.log`)}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} not ready after 60 s; see ${join(stateDir, 'logs', `${name}.log`)}`);
}

async function main() {
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

  const started = [];
  for (const [index, name] of SERVICES.entries()) {
    const databaseUrl = await ensureServiceDatabase(postgres.adminUrl, `${dbPrefix}_${name}`, 'hotline-local');
    const migrate = spawnSync('node', [`dist/services/${name}/src/migrate.js`], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    if (migrate.status !== 0) throw new Error(`${name} migrate failed:\n${migrate.stderr}`);
    log(migrate.stdout.trim());
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
      ...(name === 'intake' ? { PII_MASTER_KEY: piiKey } : {}),
    };
    const out = createWriteStream(join(stateDir, 'logs', `${name}.log`), { flags: 'a' });
    const child = spawn('node', ['--enable-source-maps', `dist/services/${name}/src/main.js`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.once('exit', (code) => {
      if (!shuttingDown) {
        log(`${name} exited (${code}); stopping the platform`);
        void shutdown(1);
      }
    });
    children.push(child);
    started.push({ name, child, url: `http://127.0.0.1:${ports.http}`, grpc: `127.0.0.1:${ports.grpc}` });
  }
  await Promise.all(started.map((s) => waitReady(s.name, s.url, s.child)));

  const urls = Object.fromEntries(started.map((s) => [s.name, s.url]));
  const dataDir = resolve(process.env.HOTLINE_DATA_DIR ?? join(root, '../shared/data'));
  const tokens = {};
  for (const t of DEMO_TENANTS) {
    tokens[t.tenant] = await demoTokens(secret, t.tenant);
    await seedDemoTenant(urls, t, tokens[t.tenant], dataDir, log);
  }
  writeFileSync(join(stateDir, 'demo-tokens.json'), JSON.stringify(tokens, null, 2));

  const lines = [
    '',
    'The 12345 hotline platform is running.',
    '',
    ...started.map((s) => `  ${s.name.padEnd(10)} http ${s.url}   gRPC ${s.grpc}   ready ${s.url}/readyz`),
    '',
    `  demo tenants ${DEMO_TENANTS.map((t) => t.tenant).join(', ')}; bearer tokens per tenant and role: ${join(stateDir, 'demo-tokens.json')}`,
    `  logs: ${join(stateDir, 'logs')}`,
    '',
    '  try:',
    `    TOKEN=$(node -p "require('${join(stateDir, 'demo-tokens.json')}')['city-3201']['agent']")`,
    `    curl -s -H "authorization: Bearer $TOKEN" ${urls.intake}/v1/requests`,
    `  the whole walk from submission to archive: README.md, "Walk a request from submission to archive"`,
    '',
    'Ctrl-C stops everything this command started.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  log('platform ready');
}

main().catch((err) => {
  process.stderr.write(`[start] ${err.message}\n`);
  void shutdown(1);
});

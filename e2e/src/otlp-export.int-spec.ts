import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate, signLocalToken } from '@hotline/platform';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  eventually,
  requireBuiltServices,
  SHARED_NATS_URL,
  TEST_AUTH_SECRET,
  TestDatabase,
  uniqueNamespace,
} from '@hotline/testing';
import { intakeService } from '../../services/intake/src/intake.service';

// Tracing must load before the modules it instruments, so this runs the built service as a
// real process (the same entry point as npm start and the images) against a fake collector.
const root = join(__dirname, '../..');

describe('OpenTelemetry export over OTLP when configured', () => {
  let db: TestDatabase;
  let collector: Server;
  let child: ChildProcess;
  const namespace = uniqueNamespace();
  const received: Array<{ path: string; body: Buffer }> = [];
  const httpPort = 22000 + Math.floor(Math.random() * 2000);

  beforeAll(async () => {
    requireBuiltServices(root);
    db = await createTestDatabase('otlp');
    await migrate({ url: db.url, entities: intakeService.entities, migrations: intakeService.migrations });
    // Tokens are accepted only for a registered tenant.
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(`insert into tenant_directory (code, name, kind, status) values ('city-a', 'city-a', 'city', 'active')`);
    await pg.end();
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c)).on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const otlp = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    child = spawn('node', ['dist/services/intake/src/main.js'], {
      cwd: root,
      stdio: 'ignore',
      env: {
        ...process.env,
        SERVICE_NAME: 'intake',
        HTTP_PORT: String(httpPort),
        GRPC_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        NATS_URL: SHARED_NATS_URL,
        EVENT_NAMESPACE: namespace,
        AUTH_LOCAL_SECRET: TEST_AUTH_SECRET,
        PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        LOG_LEVEL: 'silent',
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
    await eventually('intake ready', async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status === 200, 30_000);
  });

  afterAll(async () => {
    if (child?.exitCode === null) await new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); });
    collector?.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    await db?.drop();
  });

  it('exports spans of an HTTP request and its database queries to the collector', async () => {
    const token = await signLocalToken(TEST_AUTH_SECRET, { tenantId: 'city-a', roles: ['agent'] });
    const res = await fetch(`http://127.0.0.1:${httpPort}/v1/channels`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const exported = await eventually('spans at /v1/traces', async () => {
      const all = Buffer.concat(received.filter((r) => r.path === '/v1/traces').map((r) => r.body)).toString('latin1');
      return all.includes('/v1/channels') && /pg\.query|select/i.test(all) ? all : undefined;
    });
    expect(exported).toContain('intake');
  });
});

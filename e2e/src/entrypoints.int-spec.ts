import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, requireBuiltServices, SHARED_NATS_URL, TestDatabase } from '@hotline/testing';

// The built entry points, exactly as npm start and the container images run them.
const root = join(__dirname, '../..');
const run = (script: string, env: NodeJS.ProcessEnv) =>
  spawnSync('node', [script], { cwd: root, env: { PATH: process.env['PATH'], ...env }, encoding: 'utf8', timeout: 30_000 });

describe('service entry points', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    requireBuiltServices(root);
    db = await createTestDatabase('entry');
  });

  afterAll(() => db?.drop());

  it('main exits 78 with one message naming every missing or invalid variable', () => {
    const result = run('dist/services/dispatch/src/main.js', { HTTP_PORT: 'http', DATABASE_URL: 'mysql://x' });
    expect(result.status).toBe(78);
    for (const problem of ['HTTP_PORT', 'GRPC_PORT: missing', 'DATABASE_URL: must be a URL', 'NATS_URL: missing', 'AUTH_LOCAL_SECRET'])
      expect(result.stderr).toContain(problem);
  });

  it('main refuses to serve a database that has pending migrations', () => {
    const result = run('dist/services/revisit/src/main.js', {
      HTTP_PORT: '0',
      GRPC_PORT: '0',
      DATABASE_URL: db.url,
      NATS_URL: SHARED_NATS_URL,
      AUTH_LOCAL_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'silent',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('pending migrations');
  });

  it('migrate applies the schema once, then reports it up to date', () => {
    const first = run('dist/services/revisit/src/migrate.js', { DATABASE_URL: db.url });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/revisit: applied PlatformSchema\d+, SamplingPolicies\d+/);
    const second = run('dist/services/revisit/src/migrate.js', { DATABASE_URL: db.url });
    expect(second).toMatchObject({ status: 0, stdout: 'revisit: schema up to date\n' });
    expect(run('dist/services/revisit/src/migrate.js', {}).status).toBe(78);
  });
});

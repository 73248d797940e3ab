import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LocalPlatform, ROOT, SERVICES } from './support/platform';

// The README's start command, end to end: real processes from dist/, real PostgreSQL and NATS.
describe('npm start (tools/local/start.mjs)', () => {
  let platform: LocalPlatform;

  beforeAll(async () => {
    platform = await LocalPlatform.start();
  }, 180_000);

  afterAll(() => platform?.destroy(), 60_000);

  it('brings all five services to ready and prints where they are', async () => {
    for (const name of SERVICES) {
      expect(platform.output).toContain(`${name.padEnd(10)} http ${platform.url(name)}`);
      expect((await fetch(`${platform.url(name)}/readyz`)).status).toBe(200);
    }
  });

  it('seeds two demo tenants with working bearer tokens', async () => {
    const tokens = platform.tokens();
    expect(Object.keys(tokens)).toEqual(['city-3201', 'city-3202']);
    for (const tenant of Object.keys(tokens)) {
      const res = await platform.api('intake', 'GET', '/v1/channels', tokens[tenant]!['tenant-admin']);
      expect(res.body.items.map((c: { code: string }) => c.code)).toEqual(['phone', 'web', 'wechat']);
    }
  });

  it('runs the README walkthrough: one request from submission to archive', async () => {
    const { stdout } = await promisify(execFile)('node', ['tools/local/walkthrough.mjs'], {
      cwd: ROOT,
      env: { ...process.env, HOTLINE_STATE_DIR: platform.stateDir, HOTLINE_HTTP_PORT_BASE: String(platform.httpBase) },
      timeout: 60_000,
    });
    expect(stdout).toContain('"intact":true');
    expect(stdout).toMatch(/archived\n/);
    expect(stdout).toContain('Done.');
  });

  it('stops everything it started on Ctrl-C', async () => {
    expect(await platform.interrupt()).toBe(0);
    for (const name of SERVICES) await expect(fetch(`${platform.url(name)}/healthz`)).rejects.toThrow();
  });
});

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { status } from '@grpc/grpc-js';
import { dispatchV1 } from '@hotline/contracts';
import { callUnary, createGrpcClient, mtlsChannelCredentials } from '@hotline/platform';
import { LocalPlatform, ROOT, SERVICES } from './support/platform';

/** Whether a process with this PID exists (EPERM: it does, owned by someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The README's start command, end to end: real processes from dist/, real PostgreSQL and NATS.
describe('npm start (tools/local/start.mjs)', () => {
  let platform: LocalPlatform;
  let walkthroughOutput = '';

  beforeAll(async () => {
    platform = await LocalPlatform.start();
  }, 180_000);

  afterAll(() => platform?.destroy(), 60_000);

  it('brings all five services to ready and prints where they are and how long each took', async () => {
    for (const name of SERVICES) {
      expect(platform.output).toContain(`${name.padEnd(10)} http ${platform.url(name)}`);
      expect(platform.output).toMatch(new RegExp(`\\[start\\] ${name} ready in \\d+\\.\\d s \\(pid ${platform.pids()[name]}\\)`));
      expect((await fetch(`${platform.url(name)}/readyz`)).status).toBe(200);
    }
    expect(platform.output).toMatch(/\[start\] platform ready in \d+\.\d s/);
  });

  it('registers the demo province and two demo cities, with working bearer tokens', async () => {
    const tokens = platform.tokens();
    expect(Object.keys(tokens)).toEqual(['province-32', 'city-3201', 'city-3202']);
    const registry = await platform.api('intake', 'GET', '/v1/tenants', tokens['province-32']!['province-operator']);
    expect(registry.body.items.map((t: { code: string; kind: string; status: string }) => [t.code, t.kind, t.status])).toEqual([
      ['province-32', 'province', 'active'],
      ['city-3201', 'city', 'active'],
      ['city-3202', 'city', 'active'],
    ]);
    for (const tenant of ['city-3201', 'city-3202']) {
      const res = await platform.api('intake', 'GET', '/v1/channels', tokens[tenant]!['tenant-admin']);
      expect(res.body.items.map((c: { code: string }) => c.code)).toEqual(['phone', 'web', 'wechat']);
    }
  });

  it('serves gRPC under mutual TLS with its development CA: the local client for the demo cities, tokens for their own tenant only', async () => {
    const dir = join(platform.stateDir, 'grpc-tls');
    expect(platform.output).toContain(`gRPC: mutual TLS; development CA ${join(dir, 'ca.crt')}`);
    const files = { caFile: join(dir, 'ca.crt'), certFile: join(dir, 'local-client.crt'), keyFile: join(dir, 'local-client.key') };
    for (const file of Object.values(files)) expect(existsSync(file)).toBe(true);
    const address = platform.grpcAddress('dispatch');
    const client = createGrpcClient(dispatchV1.DispatchServiceClient, address, mtlsChannelCredentials(files));
    const plaintext = createGrpcClient(dispatchV1.DispatchServiceClient, address);
    try {
      const units = await callUnary(client, client.listUnits, { areaCode: '' }, { tenantId: 'city-3201' });
      expect(units.units.map((u) => u.code)).toContain('housing');
      await expect(callUnary(client, client.listUnits, { areaCode: '' }, { tenantId: 'province-32' })).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      const token = platform.tokens()['city-3202']!['dispatcher'];
      expect((await callUnary(client, client.listUnits, { areaCode: '' }, { token })).units.length).toBeGreaterThan(0);
      await expect(callUnary(client, client.listUnits, { areaCode: '' }, { token, tenantId: 'city-3201' })).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      await expect(callUnary(plaintext, plaintext.listUnits, { areaCode: '' }, { token })).rejects.toMatchObject({ code: status.UNAVAILABLE });
    } finally {
      client.close();
      plaintext.close();
    }
  });

  it('restarts a service killed with SIGKILL, says so, and leaves the others running', async () => {
    const before = platform.pids();
    const killed = before.handling!;
    process.kill(killed, 'SIGKILL');

    await platform.waitForOutput(/\[start\] handling exited \(signal SIGKILL\) after \d+\.\d s( \(last on stderr: .*\))?; restarting in 0\.5 s/);
    for (const name of SERVICES.filter((s) => s !== 'handling')) {
      expect((await fetch(`${platform.url(name)}/readyz`)).status).toBe(200);
    }
    const [, restarted] = await platform.waitForOutput(/\[start\] handling ready again in \d+\.\d s \(pid (\d+)\)/);
    expect(platform.output).toContain(`[start] handling restarted (pid ${restarted}, restart 1)`);
    expect(alive(killed)).toBe(false);
    expect((await fetch(`${platform.url('handling')}/readyz`)).status).toBe(200);
    // Only handling has a new process: the others were never stopped, nor the platform.
    expect(platform.pids()).toEqual({ ...before, handling: Number(restarted) });
    expect(platform.output).not.toContain('[start] stopping');
  });

  // After the restart above, so the request also passes through the restarted handling service.
  it('runs the README walkthrough: one request from submission to archive', async () => {
    const { stdout } = await promisify(execFile)('node', ['tools/local/walkthrough.mjs'], {
      cwd: ROOT,
      env: { ...process.env, HOTLINE_STATE_DIR: platform.stateDir, HOTLINE_HTTP_PORT_BASE: String(platform.httpBase) },
      timeout: 60_000,
    });
    expect(stdout).toContain('"intact":true');
    expect(stdout).toMatch(/archived\n/);
    expect(stdout).toContain('Done.');
    walkthroughOutput = stdout;
  });

  // After the walkthrough: a whole lifecycle has gone through every service.
  it("keeps the requester's identity, the number typed into the text and the access code out of every service's log", () => {
    const accessCode = /"accessCode":"([^"]+)"/.exec(walkthroughOutput)?.[1];
    expect(accessCode).toBeDefined();
    const secrets = ['张三', '13812345678', '13912345678', accessCode as string];
    const logs = readdirSync(join(platform.stateDir, 'logs')).filter((f) => f.endsWith('.log'));
    expect(logs.sort()).toEqual(SERVICES.map((s) => `${s}.log`).sort());
    const hits = logs.flatMap((file) => {
      const text = readFileSync(join(platform.stateDir, 'logs', file), 'utf8');
      return secrets.filter((secret) => text.includes(secret)).map((secret) => `${file}: ${secret}`);
    });
    expect(hits).toEqual([]);
  });

  it('stops everything it started on Ctrl-C, restarting nothing, and exits 0', async () => {
    const running = Object.values(platform.pids());
    const everStarted = platform.startedPids();
    expect(everStarted).toEqual(expect.arrayContaining(running));

    expect(await platform.interrupt()).toBe(0);
    for (const name of SERVICES) await expect(fetch(`${platform.url(name)}/healthz`)).rejects.toThrow();
    expect(everStarted.filter(alive)).toEqual([]);
    expect(platform.output.slice(platform.output.indexOf('[start] stopping'))).not.toMatch(/exited|restart/);
    expect(existsSync(join(platform.stateDir, 'pids.json'))).toBe(false);
  });
});

describe('npm start with a service that cannot start', () => {
  it('gives up at once on an invalid configuration, naming the service and the variable, and exits non-zero', async () => {
    const platform = LocalPlatform.launch({ RATE_LIMIT_PER_MINUTE: 'many' });
    try {
      expect(await platform.closed).toBe(1);
      // Every service refuses the variable; whichever exits first (intake starts first, but on a
      // loaded machine another may beat it) is named, and the one given up on is that one.
      const exited = platform.output.match(/\[start\] (\w+) exited \(exit code 78\) after \d+\.\d s \(last on stderr: .*RATE_LIMIT_PER_MINUTE/);
      expect(exited).not.toBeNull();
      expect(platform.output).toMatch(
        new RegExp(`\\[start\\] giving up on ${exited![1]}: its configuration is invalid \\(exit code 78\\); a restart would fail the same way\\. Its log: `),
      );
      expect(platform.output).not.toContain('restarted');
      expect(platform.output).not.toContain('platform ready');
      expect(platform.startedPids().filter(alive)).toEqual([]);
    } finally {
      await platform.destroy();
    }
  }, 120_000);
});

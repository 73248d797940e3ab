import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SERVICE_NAMES, ServiceName } from '@hotline/vocabulary';
import type { PrivatePostgres } from './private-postgres';
import { Api, AUTH_SECRET, seedTenant, TENANT, Tokens } from './seed';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every service process started and not yet exited, so an interrupted run leaves none behind. */
const live = new Set<ChildProcess>();

export function killEveryService(): void {
  for (const child of live) child.kill('SIGKILL');
}

interface ServiceProcess {
  name: ServiceName;
  httpPort: number;
  env: NodeJS.ProcessEnv;
  child?: ChildProcess;
  /** Set when this run ends the process itself (kill -9, stop). */
  ending: boolean;
  /** Exit codes (or signals) of the times it ended by itself. */
  exits: string[];
}

/** As a deployment's restart policy would, a service that ends by itself is started again. */
const RELAUNCH_AFTER_MS = 2_000;

export interface PlatformOptions {
  /** The build the services run from: `<distDir>/services/<name>/src/{migrate,main}.js`. */
  distDir: string;
  logDir: string;
  postgres: PrivatePostgres;
  natsUrl: string;
  /** Names this scenario's databases (`<prefix>_<service>`) and its stream namespace. */
  prefix: string;
}

/**
 * The five services as separate processes, as `npm start` runs them (migrate, then main, each
 * with its own database as an ordinary role), on one scenario's databases and stream
 * namespace, with the seeded tenant. A service can be killed (-9) and started again on the
 * same ports and environment.
 */
export class ChaosPlatform {
  readonly tokens = new Tokens();
  private stopped = false;
  readonly api: Api = async (service, method, path, token, body) => {
    const res = await fetch(`${this.url(service)}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  };

  private constructor(
    private readonly options: PlatformOptions,
    private readonly services: Map<ServiceName, ServiceProcess>,
  ) {}

  get namespace(): string {
    return this.options.prefix.replace(/_/g, '-');
  }

  database(service: ServiceName): string {
    return `${this.options.prefix}_${service}`;
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.process(service).httpPort}`;
  }

  static async start(options: PlatformOptions): Promise<ChaosPlatform> {
    const services = new Map<ServiceName, ServiceProcess>();
    const platform = new ChaosPlatform(options, services);
    for (const name of SERVICE_NAMES) {
      const databaseUrl = await options.postgres.createServiceDatabase(platform.database(name));
      const httpPort = await freePort();
      const env: NodeJS.ProcessEnv = {
        PATH: process.env['PATH'],
        LANG: 'C.UTF-8',
        SERVICE_NAME: name,
        HTTP_PORT: String(httpPort),
        GRPC_PORT: String(await freePort()),
        HTTP_HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        NATS_URL: options.natsUrl,
        EVENT_NAMESPACE: platform.namespace,
        AUTH_MODE: 'local',
        AUTH_LOCAL_SECRET: AUTH_SECRET,
        LOG_LEVEL: 'warn',
        // Every submission comes from this one address; the default per-client limit would refuse them.
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...(name === 'intake' || name === 'handling' ? { PII_MASTER_KEY: Buffer.alloc(32, 5).toString('base64') } : {}),
      };
      services.set(name, { name, httpPort, env, ending: false, exits: [] });
      await platform.migrate(name);
    }
    try {
      await Promise.all(SERVICE_NAMES.map((name) => platform.launchOnFreePorts(name)));
      await platform.registerTenant();
      await seedTenant(platform.api, platform.tokens);
    } catch (err) {
      await platform.stop();
      throw err;
    }
    return platform;
  }

  /** The services that ended by themselves during the scenario, with how (each was started again). */
  exits(): Record<string, string[]> {
    return Object.fromEntries([...this.services.values()].filter((s) => s.exits.length > 0).map((s) => [s.name, s.exits]));
  }

  /** kill -9: no shutdown hook runs, in-flight work is cut wherever it is. */
  async kill(name: ServiceName): Promise<void> {
    const service = this.process(name);
    const child = service.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    service.ending = true;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async restart(name: ServiceName): Promise<void> {
    await this.launch(name);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.services.values()].map(async (service) => {
        service.ending = true;
        const child = service.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(killer);
      }),
    );
  }

  private process(name: ServiceName): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`no service ${name}`);
    return service;
  }

  /**
   * The seeded city, registered with intake's own registry command (as the province operator
   * would), then awaited until every service's tenant directory has it from TenantChanged.
   */
  private async registerTenant(): Promise<void> {
    const args = ['tenants', 'register', '--code', TENANT, '--name', '南京 12345 热线', '--region', '3201', '--by', 'chaos'];
    const { code, output } = await this.run('intake', 'main.js', args);
    if (code !== 0) throw new Error(`registering ${TENANT} failed (${code}):\n${output}`);
    const admin = await this.tokens.of('tenant-admin');
    for (const name of SERVICE_NAMES) {
      for (let attempt = 0; (await this.api(name, 'GET', '/v1/dead-letters?limit=1', admin)).status !== 200; attempt++) {
        if (attempt === 300) throw new Error(`${name} does not know ${TENANT} after 30 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private async migrate(name: ServiceName): Promise<void> {
    const { code, output } = await this.run(name, 'migrate.js');
    if (code !== 0) throw new Error(`${name} migrate failed (${code}):\n${output}`);
  }

  private run(name: ServiceName, entry: string, args: string[] = []): Promise<{ code: number | null; output: string }> {
    const child = spawn('node', [join(this.options.distDir, 'services', name, 'src', entry), ...args], {
      env: this.process(name).env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
  }

  /** Starts a service for the first time, on new ports when the ones picked were taken meanwhile. */
  private async launchOnFreePorts(name: ServiceName, tries = 3): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.launch(name);
      } catch (err) {
        if (attempt >= tries || !String(err).includes('EADDRINUSE')) throw err;
        const service = this.process(name);
        service.httpPort = await freePort();
        service.env = { ...service.env, HTTP_PORT: String(service.httpPort), GRPC_PORT: String(await freePort()) };
      }
    }
  }

  private async launch(name: ServiceName): Promise<void> {
    const service = this.process(name);
    const logFile = join(this.options.logDir, `${this.options.prefix}-${name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn('node', ['--enable-source-maps', join(this.options.distDir, 'services', name, 'src', 'main.js')], {
      env: service.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    live.add(child);
    service.ending = false;
    service.child = child;
    child.once('exit', (code, signal) => {
      live.delete(child);
      if (service.child !== child || service.ending || this.stopped) return;
      service.exits.push(String(code ?? signal));
      setTimeout(() => void (this.stopped ? undefined : this.launch(name).catch(() => undefined)), RELAUNCH_AFTER_MS);
    });
    for (let waited = 0; waited < 120_000; waited += 200) {
      if (child.exitCode !== null) {
        await sleep(200); // the rest of its output into the log
        throw new Error(`${name} exited with ${child.exitCode} at start:\n${readFileSync(logFile, 'utf8').slice(-2_000)}`);
      }
      // Ready only when this service answers: the port was free when picked, and another suite's
      // service (listening on an ephemeral port) may have taken it since, and answer in its place.
      const ready = await fetch(`${this.url(name)}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
        async (r) => r.status === 200 && ((await r.json()) as { service?: string }).service === name,
        () => false,
      );
      if (ready) return;
      await sleep(200);
    }
    throw new Error(`${name} not ready after 120 s; see ${this.options.logDir}`);
  }
}

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
import { SERVICE_NAMES, ServiceName } from '@hotline/vocabulary';

export const ROOT = join(__dirname, '../../..');

export const SERVICES = SERVICE_NAMES;
export type { ServiceName };

export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- suites assert on JSON bodies
  body: any;
  text: string;
}

/**
 * The whole platform started by the README's start command (real processes from dist/, real
 * PostgreSQL and NATS) on its own databases, stream namespace, ports and state directory.
 */
export class LocalPlatform {
  output = '';
  /** The start command's exit code once it has ended and its output is all read (null: a signal ended it). */
  readonly closed: Promise<number | null>;
  private constructor(
    readonly child: ChildProcess,
    readonly prefix: string,
    readonly namespace: string,
    readonly stateDir: string,
    readonly httpBase: number,
  ) {
    this.closed = new Promise((resolve) => child.once('close', resolve));
  }

  /**
   * Runs the start command and returns at once; `env` adds to (or overrides) its environment.
   * start() is this plus waiting until the platform is ready.
   */
  static launch(env: NodeJS.ProcessEnv = {}): LocalPlatform {
    requireBuiltServices(ROOT);
    const prefix = uniqueName('te2e').toLowerCase();
    const namespace = uniqueNamespace();
    const stateDir = mkdtempSync(join(tmpdir(), 'hotline-e2e-'));
    // Below Linux's ephemeral range (32768–60999): a port there can already be the local end of
    // some outgoing connection (to PostgreSQL, NATS), and a service then fails with EADDRINUSE.
    // HTTP takes 10000–14999 and gRPC 15000–19999, so one platform's ports never meet another's kind.
    const httpBase = 10000 + Math.floor(Math.random() * 500) * 10;
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn('node', ['tools/local/start.mjs'], {
      cwd: ROOT,
      env: {
        ...inherited,
        HOTLINE_DB_PREFIX: prefix,
        HOTLINE_STATE_DIR: stateDir,
        HOTLINE_HTTP_PORT_BASE: String(httpBase),
        HOTLINE_GRPC_PORT_BASE: String(httpBase + 5000),
        EVENT_NAMESPACE: namespace,
        NATS_URL: SHARED_NATS_URL,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '20',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const platform = new LocalPlatform(child, prefix, namespace, stateDir, httpBase);
    child.stdout?.on('data', (d) => (platform.output += d));
    child.stderr?.on('data', (d) => (platform.output += d));
    return platform;
  }

  static async start(): Promise<LocalPlatform> {
    const platform = LocalPlatform.launch();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`platform not ready in 150 s:\n${platform.output}`)), 150_000);
    });
    try {
      await Promise.race([platform.waitForOutput(/\[start\] platform ready/), late]);
    } catch (err) {
      await platform.destroy(); // what it created so far: databases, roles, streams, state
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return platform;
  }

  /**
   * Resolves with the first match of `pattern` in the start command's output, as soon as it is
   * there; rejects if the command ends without it. The calling test's timeout bounds the wait.
   */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const streams = [this.child.stdout, this.child.stderr];
      let settled = false;
      const settle = (outcome: () => void) => {
        settled = true;
        streams.forEach((s) => s?.off('data', check));
        outcome();
      };
      const check = () => {
        const match = settled ? null : this.output.match(pattern);
        if (match) settle(() => resolve(match));
      };
      // Registered after the harness's own listeners (launch), so `output` already holds each chunk.
      streams.forEach((s) => s?.on('data', check));
      void this.closed.then((code) => {
        check();
        if (!settled) settle(() => reject(new Error(`start exited ${code} without printing ${pattern}:\n${this.output}`)));
      });
      check();
    });
  }

  /** The service PIDs the start command keeps in `<stateDir>/pids.json` (null while one is down). */
  pids(): Record<ServiceName, number | null> {
    return JSON.parse(readFileSync(join(this.stateDir, 'pids.json'), 'utf8'));
  }

  /** Every service PID the start command has reported starting, restarts included. */
  startedPids(): number[] {
    return [...this.output.matchAll(/ (?:started|restarted) \(pid (\d+)/g)].map((m) => Number(m[1]));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.httpBase + SERVICES.indexOf(service) + 1}`;
  }

  /** host:port of a service's gRPC (HOTLINE_GRPC_PORT_BASE is the HTTP base + 5000). */
  grpcAddress(service: ServiceName): string {
    return `127.0.0.1:${this.httpBase + 5000 + SERVICES.indexOf(service) + 1}`;
  }

  /** Demo tokens written by the start command: tokens[tenant][role or 'unit-operator:<code>']. */
  tokens(): Record<string, Record<string, string>> {
    return JSON.parse(readFileSync(join(this.stateDir, 'demo-tokens.json'), 'utf8'));
  }

  async api(service: ServiceName, method: string, path: string, token?: string, body?: unknown): Promise<ApiResponse> {
    const res = await fetch(`${this.url(service)}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text };
  }

  /**
   * A citizen's online submission that an agent then takes in scope from the online queue (ADR
   * 0034), as the tenant's agents would: the submission's 201 (number, 提取码) and the request id.
   * The agent files it under `categoryCode`, or the category the citizen picked.
   */
  async submitOnlineInScope(tenant: string, agentToken: string, body: Record<string, unknown>, categoryCode?: string): Promise<ApiResponse & { requestId: string }> {
    const submitted = await this.api('intake', 'POST', `/v1/public/${tenant}/requests`, undefined, body);
    if (submitted.status !== 201) throw new Error(`online submission → ${submitted.status} ${submitted.text}`);
    const number = (submitted.body as { number: string }).number;
    const queue = await this.api('intake', 'GET', '/v1/online-queue?limit=200', agentToken);
    const item = (queue.body as { items: Array<{ requestId: string; number: string }> }).items.find((i) => i.number === number);
    if (!item) throw new Error(`submission ${number} is not in the online queue`);
    const decided = await this.api('intake', 'POST', `/v1/online-queue/${item.requestId}/decision`, agentToken, {
      requestType: body['requestType'] ?? 'consultation',
      urgency: 'normal',
      categoryCode: categoryCode ?? body['categoryCode'],
      scope: { decision: 'in-scope' },
    });
    if (decided.status !== 200) throw new Error(`decision on ${number} → ${decided.status} ${decided.text}`);
    return { ...submitted, requestId: item.requestId };
  }

  /** Ctrl-C, then wait; returns the exit code. */
  async interrupt(): Promise<number | null> {
    if (this.running) this.child.kill('SIGINT');
    return this.closed;
  }

  /** Stops the platform (if running) and removes its databases, roles, streams and state. */
  async destroy(): Promise<void> {
    if (this.running) {
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
      await this.interrupt();
      clearTimeout(killer);
    }
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    try {
      for (const name of SERVICES) {
        await admin.query(`drop database if exists "${this.prefix}_${name}" with (force)`);
        await admin.query(`drop role if exists "${this.prefix}_${name}"`);
      }
    } finally {
      await admin.end();
    }
    await deleteNamespaceStreams(SHARED_NATS_URL, this.namespace);
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

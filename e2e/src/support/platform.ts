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
  private constructor(
    readonly child: ChildProcess,
    readonly prefix: string,
    readonly namespace: string,
    readonly stateDir: string,
    readonly httpBase: number,
  ) {}

  static async start(): Promise<LocalPlatform> {
    requireBuiltServices(ROOT);
    const prefix = uniqueName('te2e').toLowerCase();
    const namespace = uniqueNamespace();
    const stateDir = mkdtempSync(join(tmpdir(), 'hotline-e2e-'));
    const httpBase = 21000 + Math.floor(Math.random() * 800) * 10;
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn('node', ['tools/local/start.mjs'], {
      cwd: ROOT,
      env: {
        ...env,
        HOTLINE_DB_PREFIX: prefix,
        HOTLINE_STATE_DIR: stateDir,
        HOTLINE_HTTP_PORT_BASE: String(httpBase),
        HOTLINE_GRPC_PORT_BASE: String(httpBase + 5000),
        EVENT_NAMESPACE: namespace,
        NATS_URL: SHARED_NATS_URL,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '20',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const platform = new LocalPlatform(child, prefix, namespace, stateDir, httpBase);
    child.stdout?.on('data', (d) => (platform.output += d));
    child.stderr?.on('data', (d) => (platform.output += d));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`platform not ready in 150 s:\n${platform.output}`)), 150_000);
      const check = () => {
        if (platform.output.includes('[start] platform ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`start exited ${code}:\n${platform.output}`));
      });
    });
    try {
      await ready;
    } catch (err) {
      await platform.destroy(); // what it created so far: databases, roles, streams, state
      throw err;
    }
    return platform;
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.httpBase + SERVICES.indexOf(service) + 1}`;
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

  /** Ctrl-C, then wait; returns the exit code. */
  async interrupt(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGINT');
    return exited;
  }

  /** Stops the platform (if running) and removes its databases, roles, streams and state. */
  async destroy(): Promise<void> {
    if (this.child.exitCode === null) {
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

import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` OS user. */
function serverUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A PostgreSQL server of the run's own (initdb in a temporary directory, trust auth, its own
 * port and socket directory), so stopping it or closing a database hurts nobody else's tests.
 */
export class PrivatePostgres {
  private running = false;

  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly user: OsUser | undefined,
  ) {}

  /** initdb into `dir` (created), then start. */
  static create(dir: string, port: number): PrivatePostgres {
    const user = serverUser();
    mkdirSync(dir, { recursive: true });
    if (user) chownSync(dir, user.uid, user.gid);
    const server = new PrivatePostgres(dir, port, user);
    server.run('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    server.start();
    return server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  get adminUrl(): string {
    return this.urlOf('postgres', 'postgres');
  }

  urlOf(role: string, database: string): string {
    return `postgres://${role}@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c max_connections=300`;
    this.run('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'postgres.log'), '-w', '-t', '120', '-o', options, 'start']);
    this.running = true;
  }

  /** A fast shutdown: sessions are terminated, as in a restart of the database server. */
  stop(): void {
    if (!this.running) return;
    this.run('pg_ctl', ['-D', this.dataDir, '-w', '-t', '120', '-m', 'fast', 'stop']);
    this.running = false;
  }

  /** An ordinary login role and a database it owns (row-level security applies to it). */
  async createServiceDatabase(name: string): Promise<string> {
    await this.admin(async (c) => {
      await c.query(`create role "${name}" login nosuperuser nobypassrls`);
      await c.query(`create database "${name}" owner "${name}"`);
    });
    return this.urlOf(name, name);
  }

  /** One database alone unavailable: no new sessions, and its current ones terminated. */
  async closeDatabase(name: string): Promise<void> {
    await this.admin(async (c) => {
      await c.query(`alter database "${name}" allow_connections false`);
      await c.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
    });
  }

  async openDatabase(name: string): Promise<void> {
    await this.admin((c) => c.query(`alter database "${name}" allow_connections true`));
  }

  /** Rows of one statement in a database, as the superuser (who reads past row-level security). */
  async query<T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.urlOf('postgres', database), connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  destroy(): void {
    this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async admin(work: (c: Client) => Promise<unknown>): Promise<void> {
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  }

  private run(command: string, args: string[]): void {
    const result = spawnSync(join(PG_BIN, command), args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C.UTF-8' },
      ...(this.user ? { uid: this.user.uid, gid: this.user.gid } : {}),
    });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  }
}

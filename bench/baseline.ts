import { execFileSync, spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { existsSync } from 'node:fs';

/** pgbench's binary: on PATH, or in Debian's PostgreSQL bin directory. */
export function pgbenchBinary(): string {
  if (spawnSync('pgbench', ['--version']).status === 0) return 'pgbench';
  for (const v of ['17', '16', '15', '14']) {
    const candidate = `/usr/lib/postgresql/${v}/bin/pgbench`;
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('pgbench not found (Debian: postgresql-client or postgresql-15)');
}

/** `pgbench -N` (simple-update, no branch contention) TPS on the same server, same run. */
export function pgbenchTps(databaseUrl: string, seconds = 10, clients = 8): number {
  const bin = pgbenchBinary();
  execFileSync(bin, ['-i', '-q', databaseUrl], { stdio: 'ignore' });
  const out = execFileSync(bin, ['-c', String(clients), '-j', '2', '-T', String(seconds), '-N', databaseUrl], { encoding: 'utf8' });
  const match = /tps = ([\d.]+)/.exec(out);
  if (!match) throw new Error(`cannot read pgbench output:\n${out}`);
  return Number(match[1]);
}

/** pgbench -N on a scratch database of the server behind an admin URL, dropped afterwards. */
export async function pgbenchOnServer(adminUrl: string, seconds = 10, clients = 8): Promise<number> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const db = `bench_pgbench_${Date.now()}`;
  await admin.query(`create database ${db}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${db}`;
    return pgbenchTps(url.toString(), seconds, clients);
  } finally {
    await admin.query(`drop database ${db} with (force)`);
    await admin.end();
  }
}

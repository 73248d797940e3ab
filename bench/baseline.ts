import { execFileSync, spawnSync } from 'node:child_process';
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

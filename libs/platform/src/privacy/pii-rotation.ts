import { parseArgs } from 'node:util';
import type { CommandResult } from '../service/operator-commands';
import type { OperatorCommand } from '../service/service-definition';
import type { ServiceContext } from '../service/service-context';
import { PiiCipher } from './pii-cipher';

/** Where a service keeps ciphertexts: a table of tenant rows, its key column, its bytea columns. */
export interface PiiColumns {
  table: string;
  key: string;
  columns: readonly string[];
}

export interface RotationCount {
  table: string;
  column: string;
  /** Values under each key version, before (status) or after (rotate) the run. */
  byVersion: Record<number, number>;
  reencrypted: number;
}

const ROWS_PER_TRANSACTION = 500;

/** Values per key version in one column of one tenant. */
async function versionsOf(ctx: ServiceContext, tenantId: string, t: PiiColumns, column: string): Promise<Record<number, number>> {
  const rows: Array<{ version: number; n: number }> = await ctx.db.run(tenantId, (m) =>
    m.query(`select get_byte("${column}", 0) as version, count(*)::int as n from "${t.table}" where "${column}" is not null group by 1`),
  );
  return Object.fromEntries(rows.map((r) => [r.version, r.n]));
}

/**
 * Re-encrypts under the current key every value of one column of one tenant that another key
 * wrote, a batch per transaction (rows locked, others skipped and taken by the next batch), so
 * reads and writes go on throughout: a value is under its old or its new key, and either reads.
 */
async function rotateColumn(ctx: ServiceContext, cipher: PiiCipher, tenantId: string, t: PiiColumns, column: string): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await ctx.db.run(tenantId, async (m) => {
      const rows: Array<{ key: string; value: Buffer }> = await m.query(
        `select "${t.key}"::text as key, "${column}" as value from "${t.table}"
          where "${column}" is not null and get_byte("${column}", 0) <> $1 limit $2 for update skip locked`,
        [cipher.currentVersion, ROWS_PER_TRANSACTION],
      );
      for (const r of rows)
        await m.query(`update "${t.table}" set "${column}" = $1 where "${t.key}"::text = $2`, [cipher.reencrypt(tenantId, r.value), r.key]);
      return rows.length;
    });
    total += done;
    if (done < ROWS_PER_TRANSACTION) return total;
  }
}

/** Counts (and with `rotate`, re-encrypts) every listed column of every tenant of the directory. */
export async function rotatePii(ctx: ServiceContext, cipher: PiiCipher, targets: readonly PiiColumns[], rotate: boolean): Promise<RotationCount[]> {
  const counts = new Map<string, RotationCount>();
  for (const tenant of await ctx.tenants.list()) {
    for (const t of targets) {
      for (const column of t.columns) {
        const id = `${t.table}.${column}`;
        const count = counts.get(id) ?? { table: t.table, column, byVersion: {}, reencrypted: 0 };
        if (rotate) count.reencrypted += await rotateColumn(ctx, cipher, tenant.code, t, column);
        for (const [version, n] of Object.entries(await versionsOf(ctx, tenant.code, t, column)))
          count.byVersion[Number(version)] = (count.byVersion[Number(version)] ?? 0) + n;
        counts.set(id, count);
      }
    }
  }
  return [...counts.values()];
}

const USAGE = `usage: main.js pii status | rotate
  status   values per key version in every encrypted column
  rotate   re-encrypts under PII_MASTER_KEY (version PII_KEY_VERSION) what older keys wrote; the
           older keys must be in PII_RETIRED_KEYS; safe to run while the service serves, and again\n`;

function describe(counts: RotationCount[], rotate: boolean): string {
  const lines = counts.map((c) => {
    const versions = Object.entries(c.byVersion).map(([v, n]) => `v${v}: ${n}`).join(', ') || 'empty';
    return `${c.table}.${c.column}\t${versions}${rotate ? `\tre-encrypted ${c.reencrypted}` : ''}`;
  });
  return `${lines.join('\n')}\n`;
}

/** `main.js pii …`: the key-rotation command of a service that keeps personal data encrypted. */
export function piiCommand(targets: readonly PiiColumns[]): OperatorCommand {
  return async (ctx, args): Promise<CommandResult> => {
    let verb: string | undefined;
    try {
      verb = parseArgs({ args, allowPositionals: true, options: {} }).positionals[0];
    } catch (err) {
      return { exitCode: 64, output: `${(err as Error).message}\n${USAGE}` };
    }
    if (verb !== 'status' && verb !== 'rotate') return { exitCode: 64, output: USAGE };
    const cipher = PiiCipher.fromConfig(ctx.serviceConfig);
    const counts = await rotatePii(ctx, cipher, targets, verb === 'rotate');
    const stale = counts.some((c) => Object.keys(c.byVersion).some((v) => Number(v) !== cipher.currentVersion));
    return { exitCode: verb === 'rotate' && stale ? 1 : 0, output: `current key version ${cipher.currentVersion}\n${describe(counts, verb === 'rotate')}` };
  };
}

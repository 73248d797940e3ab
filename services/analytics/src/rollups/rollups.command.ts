import { parseArgs } from 'node:util';
import type { OperatorCommand } from '@hotline/platform';
import { rebuildRollups } from './rollups.repository';

const USAGE = `usage: main.js rollups rebuild [--tenant CODE]
recomputes the rate rollups from the facts: the tenant's, or every active tenant's of the directory\n`;

/** `rollups rebuild [--tenant]`: for upgrades that change what a rollup counts, and as proof that the kept rollups are exact. */
export const rollupsCommand: OperatorCommand = async (ctx, args) => {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { tenant: { type: 'string' } } });
  } catch (err) {
    return { exitCode: 64, output: `${(err as Error).message}\n${USAGE}` };
  }
  if (parsed.positionals[0] !== 'rebuild' || parsed.positionals.length > 1) return { exitCode: 64, output: USAGE };
  const tenants = parsed.values.tenant ? [parsed.values.tenant] : (await ctx.tenants.list()).filter((t) => t.status === 'active').map((t) => t.code);
  const lines: string[] = [];
  for (const tenant of tenants) {
    const started = Date.now();
    const rows = await ctx.db.run(tenant, (m) => rebuildRollups(m, tenant));
    lines.push(`${tenant}\t${rows} rollup rows\t${Date.now() - started} ms`);
  }
  return { exitCode: 0, output: `rebuilt ${tenants.length} tenant(s)\n${lines.join('\n')}${lines.length ? '\n' : ''}` };
};

import { parseArgs } from 'node:util';
import { CommandResult, ServiceContext, validate } from '@hotline/platform';
import { changeTenant, registerTenant } from './register-tenant.command';
import { ChangeTenantBody, RegisterTenantBody } from './tenants.schemas';

const USAGE = `usage: main.js tenants list
       main.js tenants register --code CODE --name NAME --region AREA [--kind city|province] [--time-zone ZONE]
       main.js tenants suspend|resume --code CODE
with intake's own environment (DATABASE_URL, NATS_URL, PII_MASTER_KEY …); the province operator's tool, e.g. to register the province itself\n`;

/** `main.js tenants …`: the registry from the command line, through the same commands as the API. */
export async function tenantsCommand(ctx: ServiceContext, args: string[]): Promise<CommandResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { code: { type: 'string' }, name: { type: 'string' }, region: { type: 'string' }, kind: { type: 'string' }, 'time-zone': { type: 'string' }, by: { type: 'string' } },
    });
  } catch (err) {
    return { exitCode: 64, output: `${(err as Error).message}\n${USAGE}` };
  }
  const [verb] = parsed.positionals;
  const v = parsed.values;
  const by = v.by ?? 'cli:province-operator';
  try {
    switch (verb) {
      case 'list': {
        const tenants = await ctx.tenants.list();
        return { exitCode: 0, output: tenants.map((t) => `${t.code}\t${t.kind}\t${t.status}\t${t.regionCode}\t${t.timeZone}\t${t.name}`).join('\n') + '\n' };
      }
      case 'register': {
        const input = validate(RegisterTenantBody, { code: v.code, name: v.name, regionCode: v.region, kind: v.kind, timeZone: v['time-zone'] });
        const t = await ctx.db.run(input.code, (m) => registerTenant(m, ctx.outbox, ctx.tenants, input, by));
        return { exitCode: 0, output: `registered ${t.code} (${t.kind}, ${t.status})\n` };
      }
      case 'suspend':
      case 'resume': {
        if (!v.code) return { exitCode: 64, output: USAGE };
        const input = validate(ChangeTenantBody, { status: verb === 'suspend' ? 'suspended' : 'active' });
        const t = await ctx.db.run(v.code, (m) => changeTenant(m, ctx.outbox, ctx.tenants, v.code as string, input, by));
        return { exitCode: 0, output: `${t.code} is ${t.status}\n` };
      }
      default:
        return { exitCode: 64, output: USAGE };
    }
  } catch (err) {
    const e = err as { status?: number; message: string; errors?: Array<{ field: string; message: string }> };
    if (e.status && e.status < 500)
      return { exitCode: e.status === 409 ? 2 : 1, output: `${e.message}${e.errors ? `: ${e.errors.map((x) => `${x.field} ${x.message}`).join('; ')}` : ''}\n` };
    throw err;
  }
}

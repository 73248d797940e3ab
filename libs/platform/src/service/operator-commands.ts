import { parseArgs } from 'node:util';
import { listDeadLetters, replayDeadLetter, replayWaitingDeadLetters } from '../messaging/dead-letter-replay';
import { openServiceContext } from './open-service-context';
import type { ServiceContext } from './service-context';
import type { ServiceDefinition } from './service-definition';

export interface CommandResult {
  exitCode: number;
  output: string;
}

const USAGE = `usage: main.js dead-letters list [--consumer NAME] [--state waiting|replayed|all]
       main.js dead-letters replay (--id ID | --all) [--consumer NAME]
with the service's own environment (DATABASE_URL, NATS_URL, …)\n`;

/**
 * Operator commands run with a service's own entry point and environment, on its database and
 * broker but without serving: `dead-letters list` and `dead-letters replay`.
 */
export async function runOperatorCommand(def: ServiceDefinition, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const own = def.commands?.[command];
  if (own) return withContext(def, env, (ctx) => own(ctx, args));
  if (command !== 'dead-letters')
    return { exitCode: 64, output: `unknown command "${command}"; commands: ${['dead-letters', ...Object.keys(def.commands ?? {})].join(', ')}\n${USAGE}` };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { consumer: { type: 'string' }, state: { type: 'string', default: 'waiting' }, id: { type: 'string' }, all: { type: 'boolean' } },
    });
  } catch (err) {
    return { exitCode: 64, output: `${(err as Error).message}\n${USAGE}` };
  }
  const [verb] = parsed.positionals;
  const { consumer, state, id, all } = parsed.values;
  if (verb !== 'list' && verb !== 'replay') return { exitCode: 64, output: USAGE };
  if (state !== 'waiting' && state !== 'replayed' && state !== 'all') return { exitCode: 64, output: `--state: waiting, replayed or all\n${USAGE}` };
  if (verb === 'replay' && !all && !id) return { exitCode: 64, output: USAGE };
  return withContext(def, env, async (ctx) => {
    if (verb === 'list') {
      const page = await listDeadLetters(ctx, {}, { consumer, state, limit: 200, offset: 0 });
      const lines = page.items.map((d) => `${d.id}\t${d.consumer}\t${d.tenantId ?? '-'}\t${d.eventType ?? '-'}\t${d.recordedAt}\t${d.replayedAt ?? 'waiting'}\t${d.error}`);
      return { exitCode: 0, output: `${page.total} dead letter(s)${page.total > page.items.length ? ` (first ${page.items.length})` : ''}\n${lines.join('\n')}${lines.length ? '\n' : ''}` };
    }
    if (id) {
      const outcome = await replayDeadLetter(ctx, {}, Number(id));
      if (!outcome) return { exitCode: 1, output: `no dead letter ${id}\n` };
      return { exitCode: outcome.result === 'applied' || outcome.result === 'already-applied' ? 0 : 1, output: `${id}: ${outcome.result}${outcome.detail ? ` (${outcome.detail})` : ''}\n` };
    }
    const summary = await replayWaitingDeadLetters(ctx, {}, consumer);
    return {
      exitCode: summary.failed + summary.notReplayable === 0 ? 0 : 1,
      output: `replayed ${summary.replayed}: ${summary.applied} applied, ${summary.alreadyApplied} already applied, ${summary.failed} failed, ${summary.notReplayable} not replayable\n`,
    };
  });
}

/** Opens the service's context (database, broker; no servers), runs `work` on it, closes it. */
async function withContext(def: ServiceDefinition, env: NodeJS.ProcessEnv, work: (ctx: ServiceContext) => Promise<CommandResult>): Promise<CommandResult> {
  const opened = await openServiceContext(def, { ...env, HTTP_PORT: env['HTTP_PORT'] ?? '0', GRPC_PORT: env['GRPC_PORT'] ?? '0', LOG_LEVEL: env['LOG_LEVEL'] ?? 'warn' });
  try {
    return await work(opened.context);
  } finally {
    await opened.close();
  }
}

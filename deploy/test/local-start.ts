// The commands `npm start` (tools/local/start.mjs) runs for each service, read from its source so
// the container image and the Helm chart can be held to exactly the same entry points.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export interface LocalStartCommands {
  /** argv of the server, with `${name}` standing for the service name. */
  main: string[];
  /** argv of the migration run, with `${name}` standing for the service name. */
  migrate: string[];
}

function argv(source: string, call: RegExp, what: string): string[] {
  const match = source.match(call);
  if (!match) throw new Error(`tools/local/start.mjs: no ${what} command found`);
  const items = match[1].split(',').map((s) => s.trim()).filter(Boolean);
  return ['node', ...items.map((item) => item.replace(/^['"`]|['"`]$/g, ''))];
}

export function localStartCommands(): LocalStartCommands {
  const source = readFileSync(join(ROOT, 'tools/local/start.mjs'), 'utf8');
  return {
    migrate: argv(source, /spawnSync\('node', \[([^\]]*migrate\.js[^\]]*)\]/, 'migrate'),
    main: argv(source, /spawn\('node', \[([^\]]*main\.js[^\]]*)\]/, 'main'),
  };
}

/** The command for one service, `${name}` replaced. */
export function forService(command: string[], service: string): string[] {
  return command.map((part) => part.replace('${name}', service));
}

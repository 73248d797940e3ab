import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, createDataSource, Outbox, parseConfig, ProblemError } from '@hotline/platform';
import { entities, migrations } from '../persistence/schema';
import { HolidayYearParam, parseHolidayYear } from './calendar.schemas';
import { loadProvinceHolidayYear, YearKnownError } from './load-holiday-year.command';

const LoadConfig = z.object({
  DATABASE_URL: baseConfigSchema.shape.DATABASE_URL,
  EVENT_NAMESPACE: baseConfigSchema.shape.EVENT_NAMESPACE,
});

const USAGE = 'usage: load-holidays --year <year> --file <holidays.json> [--by <who>]';
const NAME = 'handling load-holidays';

export interface CommandResult {
  exitCode: number;
  output: string;
}

const configError = (message: string): CommandResult => ({ exitCode: 78, output: `${NAME}: ${message}\n` });
const invalidFile = (file: string, errors: Array<{ field: string; message: string }>): CommandResult => ({
  exitCode: 1,
  output: `${NAME}: ${file} is not valid, nothing loaded:\n${errors.map((e) => `  - ${e.field}: ${e.message}`).join('\n')}\n`,
});

/**
 * The province operator loads a year's national holidays (the State Council notice) for every
 * tenant, then recomputes the provisional dues of each tenant that has some: exit 0 when loaded,
 * 1 for an invalid or refused file (with its field errors), 78 for a configuration error.
 */
export async function runLoadHolidays(argv: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  let args: { year?: string; file?: string; by?: string };
  let config: z.infer<typeof LoadConfig>;
  try {
    args = parseArgs({ args: argv, options: { year: { type: 'string' }, file: { type: 'string' }, by: { type: 'string' } } }).values;
    config = parseConfig(LoadConfig, env, []);
  } catch (err) {
    if (err instanceof ConfigError) return configError(err.message);
    return configError(`${(err as Error).message}\n${USAGE}`);
  }
  const year = HolidayYearParam.safeParse(args.year);
  if (!args.year || !args.file || !year.success) return configError(`--year (1970…2999) and --file are required\n${USAGE}`);
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (err) {
    return configError(`cannot read ${args.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return invalidFile(args.file, [{ field: '(file)', message: `not JSON: ${(err as Error).message}` }]);
  }
  const data = parseHolidayYear(year.data, json);
  if (!data.success) return invalidFile(args.file, data.errors);

  const dataSource = createDataSource({ url: config.DATABASE_URL, entities, migrations, poolSize: 2, applicationName: 'handling-load-holidays' });
  await dataSource.initialize();
  try {
    const loaded = await loadProvinceHolidayYear(dataSource, new Outbox(config.EVENT_NAMESPACE), args.by ?? 'province-operator', data.data);
    const lines = [
      `${NAME}: ${year.data} (${data.data.notice}) loaded for every tenant${loaded.replaced ? ', replacing the earlier load' : ''}`,
      ...(loaded.tenants.length === 0
        ? [`  no tenant had provisional dues in ${year.data}`]
        : loaded.tenants.map((t) => `  ${t.tenantId}: ${t.recomputedWorkOrders} open work order(s) recomputed`)),
    ];
    return { exitCode: 0, output: `${lines.join('\n')}\n` };
  } catch (err) {
    if (err instanceof YearKnownError) return { exitCode: 1, output: `${NAME}: ${err.message}; nothing loaded\n` };
    if (err instanceof ProblemError && err.errors) return invalidFile(args.file, err.errors);
    throw err;
  } finally {
    await dataSource.destroy();
  }
}

/** Entry point of load-holidays.ts, in the style of runMigrateMain. */
export function runLoadHolidaysMain(): void {
  runLoadHolidays(process.argv.slice(2), process.env).then(
    (result) => {
      (result.exitCode === 0 ? process.stdout : process.stderr).write(result.output);
      process.exit(result.exitCode);
    },
    (err: Error) => {
      process.stderr.write(`${NAME} failed: ${err.message}\n`);
      process.exit(2);
    },
  );
}

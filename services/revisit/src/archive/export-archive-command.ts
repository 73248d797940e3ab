import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isIsoDate } from '@hotline/calendar';
import { baseConfigSchema, ConfigError, createDataSource, parseConfig, TenantCode } from '@hotline/platform';
import { entities, migrations } from '../persistence/schema';
import { exportArchive, writableSink } from './archive-export';
import { ArchiveExportQuery } from './archive-export.schemas';
import type { CommandResult } from './verify-archive-command';

const Day = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const ExportConfig = z.object({
  DATABASE_URL: baseConfigSchema.shape.DATABASE_URL,
  TENANT: TenantCode,
  FROM: Day,
  TO: Day,
  /** The file written (default archive-<tenant>-<from>-<to>.ndjson in the working directory). */
  OUT: z.string().min(1).optional(),
  /** Who exports, for the audit row (default cli:<USER>). */
  EXPORTED_BY: z.string().min(1).max(200).optional(),
});

/** How often the progress line is printed: every this many records, and at the end. */
const PROGRESS_EVERY = 1000;

export interface ExportIo {
  /** Progress lines (n/total), as stderr. */
  progress(line: string): void;
}

/**
 * Writes one tenant's archive links of a period (FROM..TO, whole days in the tenant's time zone)
 * to a JSON-lines file, as GET /v1/archive/export streams them, printing `n/total` as it goes;
 * audited like the HTTP export. 0 written, 78 bad variables, 1 cut short (the file lacks its trailer).
 */
export async function runExportArchive(env: NodeJS.ProcessEnv, io: ExportIo): Promise<CommandResult> {
  let config: z.infer<typeof ExportConfig>;
  try {
    config = parseConfig(ExportConfig, env, []);
    const period = ArchiveExportQuery.safeParse({ from: config.FROM, to: config.TO });
    if (!period.success) throw new ConfigError(['FROM: must not be after TO']);
  } catch (err) {
    if (err instanceof ConfigError) return { exitCode: 78, output: `revisit export-archive: ${err.message}\n` };
    throw err;
  }
  const out = config.OUT ?? `archive-${config.TENANT}-${config.FROM}-${config.TO}.ndjson`;
  const dataSource = createDataSource({ url: config.DATABASE_URL, entities, migrations, poolSize: 1, applicationName: 'revisit-export-archive' });
  await dataSource.initialize();
  const file = createWriteStream(out, { encoding: 'utf8' });
  try {
    // tenant_directory is a platform table without row-level security: the tenant's zone is read directly.
    const [tenant]: Array<{ time_zone: string }> = await dataSource.query(`select time_zone from tenant_directory where code = $1`, [config.TENANT]);
    const timeZone = tenant?.time_zone ?? DEFAULT_TIME_ZONE;
    let printed = -1;
    const result = await exportArchive(dataSource, writableSink(file), {
      tenantId: config.TENANT,
      period: { from: config.FROM, to: config.TO },
      timeZone,
      exportedBy: config.EXPORTED_BY ?? `cli:${env['USER'] ?? 'operator'}`,
      roles: [],
      onProgress: (n, total) => {
        if (n - printed >= PROGRESS_EVERY || n === total) {
          printed = n;
          io.progress(`export of ${config.TENANT}: ${n}/${total}\n`);
        }
      },
    });
    if (result.total === 0) io.progress(`export of ${config.TENANT}: 0/0\n`);
    file.end();
    await finished(file);
    return {
      exitCode: 0,
      output: `archive of ${config.TENANT} ${config.FROM}..${config.TO} (${timeZone}): ${result.count} records written to ${out}, last hash ${result.lastHash ?? 'none'}\n`,
    };
  } catch (err) {
    file.destroy();
    return { exitCode: 1, output: `revisit export-archive: cut short (${(err as Error).message}); ${out} is incomplete\n` };
  } finally {
    await dataSource.destroy();
  }
}

/** Entry point of export-archive.ts, in the style of runVerifyArchiveMain. */
export function runExportArchiveMain(): void {
  runExportArchive(process.env, { progress: (line) => process.stderr.write(line) }).then(
    (result) => {
      (result.exitCode === 0 ? process.stdout : process.stderr).write(result.output);
      process.exit(result.exitCode);
    },
    (err: Error) => {
      process.stderr.write(`revisit export-archive failed: ${err.message}\n`);
      process.exit(2);
    },
  );
}

import { z } from 'zod';
import { baseConfigSchema, ConfigError, createDataSource, inTenantTransaction, parseConfig, TenantCode } from '@hotline/platform';
import { entities, migrations } from '../persistence/schema';
import { verifyArchive } from './verify-archive.query';

const VerifyConfig = z.object({
  DATABASE_URL: baseConfigSchema.shape.DATABASE_URL,
  TENANT: TenantCode,
});

export interface CommandResult {
  exitCode: number;
  output: string;
}

/** Checks one tenant's archive chain (inside its tenant transaction, so RLS applies); 0 intact, 1 broken. */
export async function runVerifyArchive(env: NodeJS.ProcessEnv): Promise<CommandResult> {
  let config: z.infer<typeof VerifyConfig>;
  try {
    config = parseConfig(VerifyConfig, env, []);
  } catch (err) {
    if (err instanceof ConfigError) return { exitCode: 78, output: `revisit verify-archive: ${err.message}\n` };
    throw err;
  }
  const dataSource = createDataSource({ url: config.DATABASE_URL, entities, migrations, poolSize: 1, applicationName: 'revisit-verify-archive' });
  await dataSource.initialize();
  try {
    const verdict = await inTenantTransaction(dataSource, config.TENANT, (m) => verifyArchive(m));
    if (verdict.intact) return { exitCode: 0, output: `archive of ${config.TENANT}: ${verdict.records} records, chain intact\n` };
    return {
      exitCode: 1,
      output:
        `archive of ${config.TENANT}: ${verdict.records} records, chain broken at sequence ${verdict.firstBrokenSequence}` +
        ` (${verdict.reason})\n`,
    };
  } finally {
    await dataSource.destroy();
  }
}

/** Entry point of verify-archive.ts, in the style of runMigrateMain. */
export function runVerifyArchiveMain(): void {
  runVerifyArchive(process.env).then(
    (result) => {
      (result.exitCode === 78 ? process.stderr : process.stdout).write(result.output);
      process.exit(result.exitCode);
    },
    (err: Error) => {
      process.stderr.write(`revisit verify-archive failed: ${err.message}\n`);
      process.exit(2);
    },
  );
}

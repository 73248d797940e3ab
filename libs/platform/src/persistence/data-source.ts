import { Client } from 'pg';
import { DataSource, EntityManager, Logger } from 'typeorm';

export interface DataSourceSettings {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  poolSize?: number;
  applicationName?: string;
  /** Called with each statement's text as TypeORM sends it (the service's metrics count them). */
  onStatement?: (sql: string) => void;
}

/** TypeORM's logger hook, used only to count statements: nothing is logged. */
function statementCounter(count: (sql: string) => void): Logger {
  const nothing = () => undefined;
  return { logQuery: (query) => count(query), logQueryError: nothing, logQuerySlow: nothing, logSchemaBuild: nothing, logMigration: nothing, log: nothing };
}

/** Entities and migrations are imported classes (no globs), so a compiled service finds them. */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    ...(settings.onStatement ? { logger: statementCounter(settings.onStatement) } : {}),
    // A pool that stays exhausted fails the wait after 10 s (a transient error: 503 with
    // Retry-After, or a redelivery) instead of hanging the caller for ever.
    // Every connection starts in READ COMMITTED whatever the server's default, so a transaction
    // of that level needs no SET TRANSACTION (one round trip fewer on each, issue 18).
    extra: {
      max: settings.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      application_name: settings.applicationName ?? 'hotline',
      options: '-c default_transaction_isolation=read\\ committed',
    },
  });
}

/**
 * Runs every pending migration under a session advisory lock, so replicas or jobs started
 * together never apply the same migration twice (typeorm/typeorm#4588).
 */
export async function migrate(settings: DataSourceSettings): Promise<string[]> {
  const lock = new Client({ connectionString: settings.url, application_name: 'hotline-migrate-lock' });
  await lock.connect();
  const dataSource = createDataSource({ ...settings, poolSize: 2 });
  try {
    await lock.query(`select pg_advisory_lock(hashtext('hotline.schema_migrations'))`);
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await lock.end();
  }
}

/**
 * Row-level security is the tenant boundary, and PostgreSQL skips it for superusers and roles
 * with BYPASSRLS. A service connected as such a role would leak across tenants, so it refuses.
 */
export async function assertRowSecurityApplies(dataSource: DataSource): Promise<void> {
  const [role] = await dataSource.query(
    `select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
  );
  if (role?.rolsuper || role?.rolbypassrls)
    throw new Error(
      `database role "${role.rolname}" bypasses row-level security (superuser or BYPASSRLS); ` +
        'connect the service as its own ordinary role (see docs/decisions/0003-tenancy-row-level-security.md)',
    );
}

export async function assertNoPendingMigrations(dataSource: DataSource): Promise<void> {
  if (await dataSource.showMigrations())
    throw new Error('the database has pending migrations: run this service\'s "migrate" command first');
}

/**
 * Runs `work` in one transaction whose row-level security is scoped to `tenantId`
 * (transaction-local `app.tenant_id`, read by every tenant-isolation policy).
 */
export function inTenantTransaction<T>(
  dataSource: DataSource,
  tenantId: string,
  work: (manager: EntityManager) => Promise<T>,
  isolation: 'READ COMMITTED' | 'REPEATABLE READ' = 'READ COMMITTED',
): Promise<T> {
  const scoped = async (manager: EntityManager) => {
    await manager.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    return work(manager);
  };
  // READ COMMITTED is every connection's own level (createDataSource), so it is not set again.
  return isolation === 'READ COMMITTED' ? dataSource.transaction(scoped) : dataSource.transaction(isolation, scoped);
}

/**
 * Runs `work` as another tenant inside the caller's tenant transaction, then returns to the
 * caller's tenant: every statement still sees exactly one tenant's rows. For the one act that
 * spans two hotlines — a transfer (转办) between them, ADR 0027 — so that both sides commit or
 * neither does.
 */
export async function underTenant<T>(manager: EntityManager, tenantId: string, work: () => Promise<T>): Promise<T> {
  const [{ current }]: Array<{ current: string | null }> = await manager.query(`select current_setting('app.tenant_id', true) as current`);
  if (!current) throw new Error('underTenant needs a tenant transaction to return to');
  await manager.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
  try {
    return await work();
  } finally {
    await manager.query(`select set_config('app.tenant_id', $1, true)`, [current]);
  }
}

/** SQL for a migration: enable and force tenant isolation on a table with a `tenant_id` column. */
export function tenantIsolationSql(table: string): string[] {
  return [
    `alter table "${table}" enable row level security`,
    `alter table "${table}" force row level security`,
    `create policy tenant_isolation on "${table}"
       using (tenant_id = current_setting('app.tenant_id', true))
       with check (tenant_id = current_setting('app.tenant_id', true))`,
  ];
}

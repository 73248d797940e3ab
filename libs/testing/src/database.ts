import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** Connection URL as the database's own ordinary role (row-level security applies). */
  url: string;
  name: string;
  drop(): Promise<void>;
}

export const ADMIN_DATABASE_URL = process.env['TEST_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * A fresh database owned by a fresh login role (not superuser, no BYPASSRLS), so tests see
 * the same row-level security production does, and parallel suites never share state.
 */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const name = uniqueName(prefix).toLowerCase();
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create role ${name} login nosuperuser nobypassrls`);
    await admin.query(`create database ${name} owner ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.username = name;
  url.password = '';
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new Client({ connectionString: ADMIN_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
        await c.query(`drop role if exists ${name}`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Runs one statement as a database's own role in a transaction scoped to a tenant
 * (`app.tenant_id`), as the service would, so row-level security applies; the statement's rows.
 * `db` is a connected client, or a URL to connect to for this one statement.
 */
export async function queryAsTenant<T = Record<string, unknown>>(
  db: Client | string,
  tenantId: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = typeof db === 'string' ? new Client({ connectionString: db }) : db;
  if (typeof db === 'string') await client.connect();
  try {
    await client.query('begin');
    try {
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      const { rows } = await client.query(sql, params);
      await client.query('commit');
      return rows as T[];
    } catch (err) {
      await client.query('rollback');
      throw err;
    }
  } finally {
    if (typeof db === 'string') await client.end();
  }
}

/** The 0.1.0 release's migrations end here: every later one belongs to an upgrade. */
export const RELEASE_0_1_0 = 1764300000999;

/**
 * The migrations of a list up to a release, by the timestamp that ends each class name
 * (`Requests1764300000200`), whatever order the list has; for upgrade tests.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
export function migrationsUpTo<M extends Function>(migrations: readonly M[], timestamp: number): M[] {
  return migrations.filter((m) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? Infinity) <= timestamp);
}

import { DataSource } from 'typeorm';
import { TestDatabase } from '@hotline/testing';
import { createDataSource, inTenantTransaction } from '../src';
import { platformTestDatabase } from './fixtures';

describe('tenant transactions (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ db, dataSource } = await platformTestDatabase());
    // A server or database whose default is another level must not change what a service runs in.
    await dataSource.query(`alter database ${db.name} set default_transaction_isolation = 'serializable'`);
    await dataSource.destroy();
    dataSource = createDataSource({ url: db.url, entities: [], migrations: [] });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('runs READ COMMITTED by default and REPEATABLE READ when asked, scoped to the tenant', async () => {
    const show = (m: { query(sql: string): Promise<Array<Record<string, string>>> }) =>
      m.query(`select current_setting('transaction_isolation') as level, current_setting('app.tenant_id', true) as tenant`);
    const [committed] = await inTenantTransaction(dataSource, 'city-a', show);
    const [repeatable] = await inTenantTransaction(dataSource, 'city-b', show, 'REPEATABLE READ');
    expect(committed).toEqual({ level: 'read committed', tenant: 'city-a' });
    expect(repeatable).toEqual({ level: 'repeatable read', tenant: 'city-b' });
  });
});

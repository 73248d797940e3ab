import { DataSource } from 'typeorm';
import { TestDatabase } from '@hotline/testing';
import { createDataSource, inTenantTransaction, TenantDb } from '../src';
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

  it('reruns a transaction PostgreSQL aborted as a deadlock victim, so both contenders commit', async () => {
    await dataSource.query(`create table counters (id int primary key, v int not null)`);
    await dataSource.query(`insert into counters values (1, 0), (2, 0)`);
    const db = new TenantDb(dataSource);
    let runs = 0;
    // Each locks one row, waits until the other holds its own, then asks for the other's: a
    // deadlock every time both first runs overlap; the victim's rerun finds the row free.
    const contender = (first: number, second: number) =>
      db.run('city-a', async (m) => {
        runs++;
        await m.query(`update counters set v = v + 1 where id = $1`, [first]);
        await m.query(`select pg_sleep(0.3)`);
        await m.query(`update counters set v = v + 1 where id = $1`, [second]);
        return first;
      });
    const results = await Promise.all([contender(1, 2), contender(2, 1)]);

    expect(results).toEqual([1, 2]);
    expect(runs).toBe(3);
    expect(await dataSource.query(`select id, v from counters order by id`)).toEqual([{ id: 1, v: 2 }, { id: 2, v: 2 }]);
    await dataSource.query(`drop table counters`);
  });

  it('does not rerun a transaction that failed for a reason a rerun cannot change', async () => {
    const db = new TenantDb(dataSource);
    let runs = 0;
    await expect(
      db.run('city-a', async (m) => {
        runs++;
        await m.query(`select 1 / 0`);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(runs).toBe(1);
  });
});

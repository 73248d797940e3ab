import { DataSource } from 'typeorm';
import { createLogger, DueTimer, TimerHandler, Timers, TimerWorker } from '../src';
import { eventually, TestDatabase } from '@hotline/testing';
import { platformTestDatabase } from './fixtures';

const logger = createLogger('timer-batches-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
const KIND = 'sign-for-overdue';

/** Timers fired in batches (issue 12): one transaction for many, each handler still on its own. */
describe('durable timers fired in batches (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    ({ db, dataSource } = await platformTestDatabase());
    await dataSource.query(`create table firings (key text not null, tenant text)`);
  });

  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.drop();
  });

  async function schedule(keys: string[], dueAt: Date, tenantOf: (i: number) => string = () => 'city-a') {
    await dataSource.transaction(async (m) => {
      for (const [i, key] of keys.entries()) await Timers.schedule(m, { tenantId: tenantOf(i), kind: KIND, key, dueAt });
    });
  }

  const keys = (n: number) => Array.from({ length: n }, (_, i) => `wo-${String(i).padStart(3, '0')}`);
  const past = () => new Date(Date.now() - 1_000);

  function worker(ds: DataSource, fire: TimerHandler, pollMs = 500) {
    return new TimerWorker(ds, { [KIND]: fire }, logger, { workerId: 'W', maxAttempts: 3, batchSize: 10, pollMs });
  }

  const record: TimerHandler = async (timer: DueTimer, m) => {
    await m.query(`insert into firings (key, tenant) values ($1, current_setting('app.tenant_id', true))`, [timer.key]);
  };

  it('rolls back a failing handler alone: the rest of its batch fires with its writes, the failure is retried later', async () => {
    await schedule(keys(6), past());
    const fired = await worker(dataSource, async (timer, m) => {
      await record(timer, m);
      if (timer.key === 'wo-002') throw new Error('unit directory unavailable');
    }).fireDue();

    expect(fired).toBe(6);
    const firings = await dataSource.query(`select key from firings order by key`);
    expect(firings.map((f: { key: string }) => f.key)).toEqual(['wo-000', 'wo-001', 'wo-003', 'wo-004', 'wo-005']);
    const timers = await dataSource.query(`select key, state, attempts, last_error, due_at > now() as later from timers order by key`);
    expect(timers.find((t: { key: string }) => t.key === 'wo-002')).toEqual({ key: 'wo-002', state: 'pending', attempts: 1, last_error: 'unit directory unavailable', later: true });
    expect(timers.filter((t: { state: string }) => t.state === 'fired')).toHaveLength(5);
  });

  it('sets each timer’s own tenant for its handler, whatever the batch mixes', async () => {
    await schedule(keys(6), past(), (i) => (i % 2 === 0 ? 'city-a' : 'city-b'));
    await worker(dataSource, record).fireDue();
    const firings = await dataSource.query(`select key, tenant from firings order by key`);
    expect(firings).toEqual(keys(6).map((key, i) => ({ key, tenant: i % 2 === 0 ? 'city-a' : 'city-b' })));
  });

  it('fires more timers than a batch holds, each once', async () => {
    await schedule(keys(25), past());
    expect(await worker(dataSource, record).fireDue()).toBe(25);
    const [row] = await dataSource.query(`select count(*)::int as firings, count(distinct key)::int as keys from firings`);
    expect(row).toEqual({ firings: 25, keys: 25 });
  });

  it('leaves the whole batch pending when its connection dies before the commit, and fires each once afterwards', async () => {
    await schedule(keys(5), past());
    const crashing = worker(dataSource, async (timer, m) => {
      await record(timer, m);
      // The worker's session ends mid-batch, as when its process or its database connection dies.
      if (timer.key === 'wo-003') await m.query('select pg_terminate_backend(pg_backend_pid())');
    });
    await expect(crashing.fireDue()).rejects.toThrow();
    await dataSource.destroy();

    const again = new DataSource({ ...dataSource.options } as never);
    await again.initialize();
    try {
      expect(await again.query(`select count(*)::int as n from firings`)).toEqual([{ n: 0 }]);
      expect(await again.query(`select state, count(*)::int as n from timers group by state`)).toEqual([{ state: 'pending', n: 5 }]);
      expect(await worker(again, record).fireDue()).toBe(5);
      const [row] = await again.query(`select count(*)::int as firings, count(distinct key)::int as keys from firings`);
      expect(row).toEqual({ firings: 5, keys: 5 });
    } finally {
      await again.destroy();
    }
  });

  it('sleeps until the next timer comes due, not a whole poll interval', async () => {
    await schedule(['soon'], new Date(Date.now() + 300));
    // Polling every ten minutes, the worker's first look finds nothing due yet: it must come back for it by itself.
    const running = worker(dataSource, record, 600_000);
    running.start();
    try {
      await eventually('the timer due 300 ms after scheduling', async () => (await dataSource.query(`select 1 from firings where key = 'soon'`)).length > 0, 15_000);
    } finally {
      await running.stop();
    }
  });

  it('fires a timer scheduled below its watermark (due already, earlier than what it last saw pending)', async () => {
    await schedule(['later'], new Date(Date.now() + 60_000));
    const running = worker(dataSource, record, 200);
    running.start();
    try {
      // Its looks now start at the pending timer a minute out; this one lies before that.
      await new Promise((r) => setTimeout(r, 300));
      await schedule(['overdue'], new Date(Date.now() - 3_600_000));
      await eventually('the timer due an hour ago', async () => (await dataSource.query(`select 1 from firings where key = 'overdue'`)).length > 0, 15_000);
      expect(await dataSource.query(`select key from firings`)).toEqual([{ key: 'overdue' }]);
    } finally {
      await running.stop();
    }
  });

  it('writes the fired marks in the claiming transaction itself, not under a handler savepoint', async () => {
    // A row locked FOR UPDATE by a transaction and updated by one of its subtransactions keeps
    // the lock on its new version and gets a MultiXact xmax on its old one, which index scans
    // never take for dead: each later claim would step over the fired timers' timers_due entries,
    // and visit their rows, until a vacuum. Written by the claimer, the new version's xmin is the
    // transaction that locked it (its xmax, the lock carried over); under a savepoint it is not.
    await schedule(keys(40), past());
    await worker(dataSource, record).fireDue();
    const [row] = await dataSource.query(`select count(*)::int as fired, count(*) filter (where xmax::text <> xmin::text)::int as under_savepoint from timers where state = 'fired'`);
    expect(row).toEqual({ fired: 40, under_savepoint: 0 });
  });
});

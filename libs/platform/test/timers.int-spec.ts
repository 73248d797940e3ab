import { DataSource } from 'typeorm';
import { createLogger, DueTimer, Metrics, Timers, TimerWorker } from '../src';
import { TestDatabase } from '@hotline/testing';
import { platformTestDatabase } from './fixtures';

const logger = createLogger('timers-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

describe('durable timers shared by several workers (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let second: DataSource;

  beforeEach(async () => {
    ({ db, dataSource } = await platformTestDatabase());
    second = new DataSource({ ...dataSource.options } as never);
    await second.initialize();
    await dataSource.query(`create table firings (timer_id uuid not null, key text not null, worker text not null)`);
  });

  afterEach(async () => {
    await second.destroy();
    await dataSource.destroy();
    await db.drop();
  });

  async function schedule(count: number, dueAt: Date, kind = 'sign-for-overdue') {
    await dataSource.transaction(async (m) => {
      for (let i = 0; i < count; i++) await Timers.schedule(m, { tenantId: `city-${i % 3}`, kind, key: `wo-${i}`, dueAt });
    });
  }

  function worker(ds: DataSource, id: string, handler?: (t: DueTimer) => Promise<void>, metrics?: Metrics) {
    return new TimerWorker(
      ds,
      {
        'sign-for-overdue': async (timer, manager) => {
          await handler?.(timer);
          await manager.query('insert into firings (timer_id, key, worker) values ($1, $2, $3)', [timer.id, timer.key, id]);
        },
      },
      logger,
      { workerId: id, maxAttempts: 2 },
      metrics,
    );
  }

  it('fires each due timer exactly once across two workers on one database, and none early', async () => {
    await schedule(300, new Date(Date.now() - 1_000));
    await dataSource.transaction((m) =>
      Timers.schedule(m, { tenantId: 'city-0', kind: 'sign-for-overdue', key: 'future', dueAt: new Date(Date.now() + 3_600_000) }),
    );
    const slow = async () => new Promise<void>((r) => setImmediate(r));
    const [a, b] = await Promise.all([worker(dataSource, 'A', slow).fireDue(), worker(second, 'B', slow).fireDue()]);

    expect(a + b).toBe(300);
    const [stats] = await dataSource.query(
      `select count(*)::int as firings, count(distinct timer_id)::int as timers, count(distinct worker)::int as workers from firings`,
    );
    expect(stats).toEqual({ firings: 300, timers: 300, workers: 2 });
    const states = await dataSource.query(`select state, count(*)::int as n from timers group by state order by state`);
    expect(states).toEqual([
      { state: 'fired', n: 300 },
      { state: 'pending', n: 1 },
    ]);
  });

  it('retries a failing handler with backoff, then marks it failed with the error (never lost)', async () => {
    await schedule(1, new Date(Date.now() - 1_000));
    const metrics = new Metrics('test');
    const failing = worker(dataSource, 'A', async () => {
      throw new Error('unit directory unavailable');
    }, metrics);
    await failing.fireDue();
    let [row] = await dataSource.query(`select state, attempts, last_error, due_at > now() as later from timers`);
    expect(row).toEqual({ state: 'pending', attempts: 1, last_error: 'unit directory unavailable', later: true });

    await dataSource.query(`update timers set due_at = now() - interval '1 second'`);
    await failing.fireDue();
    [row] = await dataSource.query(`select state, attempts, last_error from timers`);
    expect(row).toEqual({ state: 'failed', attempts: 2, last_error: 'unit directory unavailable' });
    expect(await dataSource.query('select * from firings')).toEqual([]);
  });

  it('rescheduling moves a timer and cancelling stops it', async () => {
    await schedule(2, new Date(Date.now() - 1_000));
    await dataSource.transaction(async (m) => {
      await Timers.schedule(m, { tenantId: 'city-0', kind: 'sign-for-overdue', key: 'wo-0', dueAt: new Date(Date.now() + 60_000) });
      await Timers.cancel(m, 'sign-for-overdue', 'wo-1');
    });
    expect(await worker(dataSource, 'A').fireDue()).toBe(0);
    const states = await dataSource.query(`select key, state from timers order by key`);
    expect(states).toEqual([
      { key: 'wo-0', state: 'pending' },
      { key: 'wo-1', state: 'cancelled' },
    ]);
  });

  it('applies a plan of several schedules and cancels as each alone would', async () => {
    await schedule(3, new Date(Date.now() - 1_000));
    await dataSource.transaction(async (m) => {
      await m.query(`update timers set state = 'fired', attempts = 2, fired_at = now(), fired_by = 'A' where key = 'wo-2'`);
      await Timers.apply(m, {
        schedule: [
          { tenantId: 'city-0', kind: 'sign-for-overdue', key: 'wo-0', dueAt: new Date('2030-01-01T00:00:00Z'), payload: { n: 1 } },
          { tenantId: 'city-2', kind: 'sign-for-overdue', key: 'wo-2', dueAt: new Date('2030-01-02T00:00:00Z') },
          { tenantId: 'city-1', kind: 'handle-overdue', key: 'wo-9', dueAt: new Date('2030-01-03T00:00:00Z') },
        ],
        cancel: [
          { kind: 'sign-for-overdue', key: 'wo-1' },
          { kind: 'handle-overdue', key: 'wo-1' },
        ],
      });
      await Timers.apply(m, { schedule: [], cancel: [] });
    });
    const rows = await dataSource.query(`select kind, key, state, to_char(due_at at time zone 'UTC', 'YYYY-MM-DD') as due, payload, attempts, fired_by from timers order by key, kind`);
    expect(rows).toEqual([
      { kind: 'sign-for-overdue', key: 'wo-0', state: 'pending', due: '2030-01-01', payload: { n: 1 }, attempts: 0, fired_by: null },
      { kind: 'sign-for-overdue', key: 'wo-1', state: 'cancelled', due: expect.any(String), payload: {}, attempts: 0, fired_by: null },
      // A fired timer scheduled again is pending once more, as `schedule` makes it.
      { kind: 'sign-for-overdue', key: 'wo-2', state: 'pending', due: '2030-01-02', payload: {}, attempts: 0, fired_by: null },
      { kind: 'handle-overdue', key: 'wo-9', state: 'pending', due: '2030-01-03', payload: {}, attempts: 0, fired_by: null },
    ]);
  });

  it('keeps the next schedule a handler makes of its own key (a recurring job), and fires it when it comes due', async () => {
    await schedule(1, new Date(Date.now() - 1_000));
    let runs = 0;
    const recurring = new TimerWorker(
      dataSource,
      {
        'sign-for-overdue': async (timer, manager) => {
          runs++;
          await manager.query('insert into firings (timer_id, key, worker) values ($1, $2, $3)', [timer.id, timer.key, 'A']);
          if (runs === 1) await Timers.schedule(manager, { tenantId: timer.tenantId, kind: timer.kind, key: timer.key, dueAt: new Date(Date.now() - 10) });
        },
      },
      logger,
      { workerId: 'A', maxAttempts: 2 },
    );
    expect(await recurring.fireDue()).toBe(1);
    expect(await dataSource.query(`select key, state from timers`)).toEqual([{ key: 'wo-0', state: 'pending' }]);
    expect(await recurring.fireDue()).toBe(1);
    expect(await dataSource.query(`select key, state from timers`)).toEqual([{ key: 'wo-0', state: 'fired' }]);
    expect(runs).toBe(2);
  });
});

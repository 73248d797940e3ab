import { DataSource } from 'typeorm';
import { leaseDueTimers, Timers } from '../src';
import { TestDatabase } from '@hotline/testing';
import { platformTestDatabase } from './fixtures';

describe('timers leased for work outside a transaction (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    ({ db, dataSource } = await platformTestDatabase());
  });
  afterEach(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const schedule = (tenantId: string, key: string, dueAt: Date, kind = 'feed') =>
    dataSource.transaction((m) => Timers.schedule(m, { tenantId, kind, key, dueAt, payload: { key } }));

  it('leases each due timer once, moves it a lease ahead, and leaves other kinds and later ones', async () => {
    const past = Date.now() - 60_000;
    for (let i = 0; i < 5; i++) await schedule('city-a', `a-${i}`, new Date(past + i * 1000));
    await schedule('city-a', 'later', new Date(Date.now() + 3_600_000));
    await schedule('city-a', 'other-kind', new Date(past), 'sign-for-overdue');

    const [first, second] = await Promise.all([
      leaseDueTimers(dataSource, { kinds: ['feed'], limit: 3, leaseMs: 30_000 }),
      leaseDueTimers(dataSource, { kinds: ['feed'], limit: 3, leaseMs: 30_000 }),
    ]);
    // Side by side, none is leased twice (a lease skips what the other holds); what is left, the next one takes.
    const rest = await leaseDueTimers(dataSource, { kinds: ['feed'], limit: 10, leaseMs: 30_000 });
    const leased = [...first, ...second, ...rest];
    expect(first.length).toBeGreaterThan(0);
    expect(leased.map((t) => t.key).sort()).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4']);
    expect(leased.every((t) => t.dueAt.getTime() > Date.now() + 20_000 && t.payload.key === t.key)).toBe(true);
    expect(await leaseDueTimers(dataSource, { kinds: ['feed'], limit: 10, leaseMs: 30_000 })).toEqual([]);
    const states = await dataSource.query(`select key, state from timers where kind = 'sign-for-overdue'`);
    expect(states).toEqual([{ key: 'other-kind', state: 'pending' }]);

    // A lease that runs out (the leaser died) makes the timer due again.
    await dataSource.query(`update timers set due_at = now() - interval '1 second' where key = 'a-0'`);
    expect((await leaseDueTimers(dataSource, { kinds: ['feed'], limit: 10, leaseMs: 30_000 })).map((t) => t.key)).toEqual(['a-0']);
  });

  it('gives one tenant no more than its share, counting what it already holds, earliest first', async () => {
    const past = Date.now() - 60_000;
    for (let i = 0; i < 6; i++) await schedule('city-busy', `busy-${i}`, new Date(past + i));
    await schedule('city-quiet', 'quiet-0', new Date(past + 100));

    const leased = await leaseDueTimers(dataSource, { kinds: ['feed'], limit: 4, leaseMs: 30_000, perTenant: { max: 2, busy: new Map([['city-busy', 1]]) } });
    expect(leased.map((t) => t.key).sort()).toEqual(['busy-0', 'quiet-0']);
  });
});

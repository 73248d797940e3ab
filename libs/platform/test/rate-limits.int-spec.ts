import { DataSource } from 'typeorm';
import { TestDatabase } from '@hotline/testing';
import { createLogger } from '../src';
import { SharedRateLimiter } from '../src/http/rate-limits';
import { platformTestDatabase } from './fixtures';

const logger = createLogger('platform-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

describe('shared rate limiter (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ db, dataSource } = await platformTestDatabase());
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('counts concurrent hits of one key together, each in its own place, none lost', async () => {
    const limiter = new SharedRateLimiter(dataSource, logger);
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => limiter.hit('tenant:city-a', 15)));
    // Places 1…20 exactly once: remaining 14…0 for the first 15, then refused at 0.
    expect(verdicts.map((v) => v.remaining).sort((a, b) => b - a)).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0]);
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(15);
    const [row] = await dataSource.query(`select sum(count)::int as count from rate_limit_windows where key = 'tenant:city-a'`);
    expect(row.count).toBe(20);
    // Another key is counted apart, and a later hit continues the window.
    expect((await limiter.hit('tenant:city-b', 15)).remaining).toBe(14);
    expect((await limiter.hit('tenant:city-a', 15)).allowed).toBe(false);
  });

  it('lets the calls through when the database cannot be reached', async () => {
    const broken = { query: () => Promise.reject(new Error('connection refused')) } as unknown as DataSource;
    const verdicts = await Promise.all(Array.from({ length: 3 }, () => new SharedRateLimiter(broken, logger).hit('tenant:city-a', 1)));
    expect(verdicts.every((v) => v.allowed && v.remaining === 1)).toBe(true);
  });
});

import { isTransientError, migrate } from '@hotline/platform';
import { parseRequestNumber } from '@hotline/intake-domain';
import { createTestDatabase, TestDatabase } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { RequestNumbers } from '../src/requests/request-numbers';

describe('流水号 from their own connection (real PostgreSQL)', () => {
  let db: TestDatabase;
  const allocators: RequestNumbers[] = [];
  const numbers = () => {
    const allocator = new RequestNumbers(db.url);
    allocators.push(allocator);
    return allocator;
  };
  const sequenceOf = (number: string) => Number(number.slice(-6));

  beforeAll(async () => {
    db = await createTestDatabase('numbers');
    await migrate({ url: db.url, entities: intakeService.entities, migrations: intakeService.migrations });
  });

  afterAll(async () => {
    for (const allocator of allocators) await allocator.close();
    await db?.drop();
  });

  it('gives concurrent acceptances of two intake replicas distinct numbers, with no gap when none failed', async () => {
    const at = new Date('2026-12-02T02:00:00Z');
    const [a, b] = [numbers(), numbers()];
    const asked = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).next('city-3201', at));
    const given = await Promise.all(asked);
    expect(new Set(given).size).toBe(60);
    expect(given.map(sequenceOf).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(parseRequestNumber(given[0] as string)).toBeTruthy();
    expect(given[0]).toMatch(/^3201-20261202-\d{6}$/);
    // Within one replica the numbers rise in the order they were asked for.
    const fromA = given.filter((_, i) => i % 2 === 0).map(sequenceOf);
    expect(fromA).toEqual([...fromA].sort((x, y) => x - y));
  });

  it('counts each tenant and each local day apart, the day by Beijing time', async () => {
    const allocator = numbers();
    expect(await allocator.next('city-3202', new Date('2026-12-02T02:00:00Z'))).toBe('3202-20261202-000001');
    expect(await allocator.next('city-3202', new Date('2026-12-02T16:00:00Z'))).toBe('3202-20261203-000001');
    expect(await allocator.next('city-3202', new Date('2026-12-02T15:59:59Z'))).toBe('3202-20261202-000002');
  });

  it('fails every waiting acceptance with a transient error (503 at the API) when the database cannot be reached', async () => {
    const unreachable = new RequestNumbers(db.url.replace(/:\d+\//, ':1/'));
    allocators.push(unreachable);
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => unreachable.next('city-3201', new Date())));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const o of outcomes) expect(isTransientError((o as PromiseRejectedResult).reason)).toBe(true);
  });
});

import { Client } from 'pg';
import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { ADMIN_DATABASE_URL } from '@hotline/testing';
import { dispatchService } from '../src/dispatch.service';

// Issue 18: honest errors and safe retries. An outage answers 503 with Retry-After (not a 500),
// and a call made with an Idempotency-Key returns its first outcome when retried.
describe('retries (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let token: string;

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    token = await sut.token('city-r', ['tenant-admin']);
  });
  afterAll(() => sut?.close());

  async function post(path: string, body: unknown, key?: string) {
    const res = await fetch(`${sut.service.httpUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test asserts on JSON bodies
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  }
  const unitsRegistered = async (code: string) =>
    (await sut.service.context.dataSource.query(`select payload from outbox where event_type = $1`, [Events.dispatch.unitRegistered.type]))
      .map((r: { payload: Buffer }) => Events.dispatch.unitRegistered.codec.decode(new Uint8Array(r.payload)).unit?.code)
      .filter((c: string | undefined) => c === code).length;

  it('returns the first outcome to a retried call with the same key, and changes nothing', async () => {
    const unit = { code: 'water', name: '市水务局', areaCodes: ['320102'] };
    const first = await post('/v1/units', unit, 'retry-key-0001');
    const again = await post('/v1/units', unit, 'retry-key-0001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await unitsRegistered('water')).toBe(1);
    // Without a key a repeated call is a new call: the code is taken now.
    expect((await post('/v1/units', unit)).status).toBe(409);
  });

  it('runs concurrent calls with one key once', async () => {
    const unit = { code: 'roads', name: '市交通运输局', areaCodes: ['320102'] };
    const all = await Promise.all(Array.from({ length: 6 }, () => post('/v1/units', unit, 'retry-key-0002')));
    expect(all.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(all.map((r) => r.body.id)).size).toBe(1);
    expect(await unitsRegistered('roads')).toBe(1);
  });

  it('refuses a key reused for another request, and keeps nothing of a call that failed', async () => {
    expect((await post('/v1/units', { code: 'parks', name: '园林局', areaCodes: ['320102'] }, 'retry-key-0003')).status).toBe(201);
    const reused = await post('/v1/units', { code: 'parks2', name: '园林局二', areaCodes: ['320102'] }, 'retry-key-0003');
    expect(reused).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
    // A 409 is not stored: the same key with a corrected body then succeeds.
    expect((await post('/v1/units', { code: 'water', name: 'dup', areaCodes: ['320102'] }, 'retry-key-0004')).status).toBe(409);
    expect((await post('/v1/units', { code: 'sewage', name: '排水处', areaCodes: ['320102'] }, 'retry-key-0004')).status).toBe(201);
    const bad = await post('/v1/units', { code: 'x1', name: 'x', areaCodes: ['320102'] }, 'short');
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'header.idempotency-key' }] } });
  });

  it('answers 503 with Retry-After while its database is down, then works again', async () => {
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`alter database ${sut.db.name} allow_connections false`);
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [sut.db.name]);
      const down = await post('/v1/units', { code: 'gas', name: '燃气办', areaCodes: ['320102'] }, 'retry-key-0005');
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(down.body).toMatchObject({ code: 'unavailable' });
    } finally {
      await admin.query(`alter database ${sut.db.name} allow_connections true`);
      await admin.end();
    }
    const back = await post('/v1/units', { code: 'gas', name: '燃气办', areaCodes: ['320102'] }, 'retry-key-0005');
    expect(back.status).toBe(201);
  });
});

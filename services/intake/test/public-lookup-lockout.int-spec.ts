import { RunningService, startService } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { serviceEnv, SHARED_NATS_URL } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { configureTenant } from './intake-fixtures';

const SUBMISSION = { title: '路灯', content: '中山路路灯不亮', areaCode: '320102' };
const UNKNOWN = 'a-20000101-000001';

interface Answer {
  status: number;
  text: string;
  type: string | null;
  length: string | null;
  retryAfter: string | null;
}

describe('the public lookup locks a number after wrong access codes (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let replica: RunningService;
  const lookup = async (number: string, code: string, service: RunningService = sut.service): Promise<Answer> => {
    const res = await fetch(`${service.httpUrl}/v1/public/city-a/requests/${number}?code=${code}`);
    const h = res.headers;
    return { status: res.status, text: await res.text(), type: h.get('content-type'), length: h.get('content-length'), retryAfter: h.get('retry-after') };
  };
  const submit = async () => {
    const res = await fetch(`${sut.service.httpUrl}/v1/public/city-a/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SUBMISSION),
    });
    return (await res.json()) as { number: string; accessCode: string };
  };
  const wrong = (code: string, nth = 1) => String((Number(code) + nth) % 100_000_000).padStart(8, '0');
  const attempts = (sql: string, params: unknown[] = []) => sut.service.context.db.run('city-a', (m) => m.query(sql, params));
  /** Moves the number's wrong codes into the past: the lock follows the rows' times, so no test waits. */
  const age = (number: string, minutes: number) =>
    attempts(`update access_code_attempts set at = now() - make_interval(mins => $2) where number = $1`, [number, minutes]);

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    await configureTenant(sut, 'city-a');
    // A second replica on the same database: the lockout must hold across processes.
    replica = await startService(intakeService, serviceEnv({ databaseUrl: sut.db.url, natsUrl: SHARED_NATS_URL, namespace: sut.namespace }));
  });
  afterAll(async () => {
    await replica?.close();
    await sut?.close();
  });

  it('answers unknown numbers and wrong codes with byte-identical 404s', async () => {
    const { number, accessCode } = await submit();
    const answers = [await lookup(number, wrong(accessCode)), await lookup(UNKNOWN, accessCode), await lookup('not-a-number', accessCode)];
    for (const a of answers) expect({ ...a, retryAfter: undefined }).toEqual({ ...answers[0], retryAfter: undefined });
    expect(answers[0]).toMatchObject({ status: 404, type: expect.stringContaining('application/problem+json') });
    expect(JSON.parse(answers[0]!.text)).toEqual({ type: 'https://hotline.dev/problems/not_found', title: 'Not found', status: 404, code: 'not_found', detail: 'request not found' });
    expect((await lookup(number, accessCode)).status).toBe(200);
  });

  it('locks after five wrong codes: 429 with Retry-After even for the right code, on every replica; other numbers unaffected', async () => {
    const locked = await submit();
    const other = await submit();
    for (let i = 0; i < 5; i++) expect((await lookup(locked.number, wrong(locked.accessCode))).status).toBe(404);
    const right = await lookup(locked.number, locked.accessCode);
    expect(right).toMatchObject({ status: 429, type: expect.stringContaining('application/problem+json') });
    expect(JSON.parse(right.text)).toMatchObject({ status: 429, code: 'lookup_locked' });
    expect(Number(right.retryAfter)).toBeGreaterThan(890);
    expect(Number(right.retryAfter)).toBeLessThanOrEqual(900);
    expect(await lookup(locked.number, locked.accessCode, replica)).toMatchObject({ status: 429, text: right.text });
    expect((await lookup(other.number, other.accessCode)).status).toBe(200);
    // Locked answers are no wrong codes: the lock does not extend itself.
    expect(await attempts(`select count(*)::int as n from access_code_attempts where number = $1`, [locked.number])).toEqual([{ n: 5 }]);
  });

  it('locks an unknown number exactly like a known one', async () => {
    const known = await submit();
    const unknown = 'a-20000102-000777';
    const answers: Answer[][] = [[], []];
    for (let i = 0; i < 6; i++) {
      answers[0]!.push(await lookup(known.number, wrong(known.accessCode)));
      answers[1]!.push(await lookup(unknown, wrong(known.accessCode)));
    }
    expect(answers[0]!.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 429]);
    expect(answers[1]!.map(({ status, text, type, length }) => ({ status, text, type, length }))).toEqual(
      answers[0]!.map(({ status, text, type, length }) => ({ status, text, type, length })),
    );
    expect(answers[1]![5]!.retryAfter).not.toBeNull();
  });

  it('counts guesses sent all at once no further than the limit', async () => {
    const target = await submit();
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => lookup(target.number, wrong(target.accessCode, i + 1), i % 2 ? replica : sut.service)));
    expect(burst.filter((a) => a.status === 404)).toHaveLength(5);
    expect(burst.filter((a) => a.status === 429)).toHaveLength(35);
    expect((await lookup(target.number, target.accessCode)).status).toBe(429);
  });

  it('opens again once the wrong codes have left the 15-minute window, and says when until then', async () => {
    const request = await submit();
    for (let i = 0; i < 5; i++) await lookup(request.number, wrong(request.accessCode));
    await age(request.number, 14);
    const almost = await lookup(request.number, request.accessCode);
    expect(almost.status).toBe(429);
    expect(Number(almost.retryAfter)).toBeGreaterThan(0);
    expect(Number(almost.retryAfter)).toBeLessThanOrEqual(60);
    await age(request.number, 16);
    expect((await lookup(request.number, request.accessCode)).status).toBe(200);
  });

  it('forgets attempts older than the window', async () => {
    await attempts(`insert into access_code_attempts (tenant_id, number, at) values ('city-a', 'a-20000103-000001', now() - interval '20 minutes')`);
    const request = await submit();
    await lookup(request.number, wrong(request.accessCode));
    expect(await attempts(`select number from access_code_attempts where number = 'a-20000103-000001'`)).toEqual([]);
    expect(await attempts(`select count(*)::int as n from access_code_attempts where number = $1`, [request.number])).toEqual([{ n: 1 }]);
  });
});

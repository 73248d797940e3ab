import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { TEST_AUTH_SECRET } from '@hotline/testing';
import { dispatchService } from '../../services/dispatch/src/dispatch.service';
import { intakeService } from '../../services/intake/src/intake.service';

/** A raw HTTP call: bytes as given (fetch would re-encode a lone surrogate), headers as given. */
function raw(url: string, method: string, headers: Record<string, string>, body?: Buffer | string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on JSON bodies
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          /* not JSON: keep the text */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
const SUBMISSION = { requester: { name: '李四', phone: '13900001111' }, title: '路灯', content: '中山路路灯不亮', areaCode: '320102' };

// The HTTP edge of every service (libs/platform/src/http/edge.ts), shown on intake and dispatch.
describe('the HTTP edge: input, authentication before the body, limits, headers', () => {
  let intake: ServiceUnderTest;
  const extra: ServiceUnderTest[] = [];
  const start = async (env: Record<string, string>, def = intakeService) => {
    const sut = await startServiceUnderTest(def, { env });
    extra.push(sut);
    return sut;
  };
  const requestsOf = async (tenant: string) =>
    (await intake.service.context.db.run(tenant, (m) => m.query(`select count(*)::int as n from requests`)))[0].n as number;

  beforeAll(async () => {
    intake = await startServiceUnderTest(intakeService);
    const admin = intake.as('city-a', ['tenant-admin']);
    await admin('POST', '/v1/channels', { code: 'web', name: '网上诉求平台', kind: 'web' });
    await admin('PUT', '/v1/categories', { categories: [{ code: '01', name: '城乡建设', level: 1 }] });
  });

  afterAll(async () => {
    for (const sut of extra) await sut.close();
    await intake?.close();
  });

  const submit = (body: Buffer | string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    raw(`${intake.service.httpUrl}/v1/public/city-a/requests`, 'POST', headers, body);

  it('refuses U+0000 and other control characters in any text with a 400 naming the field, unauthenticated or not, writing nothing', async () => {
    const nul = await submit(JSON.stringify({ ...SUBMISSION, title: 'a\u0000b' }));
    expect(nul).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(fields(nul.body)).toEqual(['title']);
    const nested = await submit(JSON.stringify({ ...SUBMISSION, requester: { name: '李\u0007四', phone: '13900001111' } }));
    expect(fields(nested.body)).toEqual(['requester.name']);
    const c1 = await submit(JSON.stringify({ ...SUBMISSION, content: 'x\u0085y' }));
    expect(fields(c1.body)).toEqual(['content']);
    const key = await submit(JSON.stringify({ ...SUBMISSION, ['ti\u0000tle']: 1 }));
    expect(key.status).toBe(400);
    // Tabs and line breaks are text.
    expect((await submit(JSON.stringify({ ...SUBMISSION, content: '第一行\n第二行\r\n\t缩进' }))).status).toBe(201);
    expect(await requestsOf('city-a')).toBe(1);

    const agent = await intake.token('city-a', ['agent']);
    const query = await raw(`${intake.service.httpUrl}/v1/requests?status=%00`, 'GET', { authorization: `Bearer ${agent}` });
    expect(query.status).toBe(400);
    expect(fields(query.body)).toEqual(['query.status']);
    const path = await raw(`${intake.service.httpUrl}/v1/requests/a%00b`, 'GET', { authorization: `Bearer ${agent}` });
    expect(path.status).toBe(400);
    expect(fields(path.body)[0]).toMatch(/^path\./);
  });

  it('refuses lone surrogates, as a JSON escape or as raw bytes, instead of turning them into U+FFFD', async () => {
    const escaped = await submit(`{"requester":{"name":"李四","phone":"13900001111"},"title":"\\ud800","content":"x","areaCode":"320102"}`);
    expect(escaped.status).toBe(400);
    expect(fields(escaped.body)).toEqual(['title']);
    const low = await submit(`{"requester":{"name":"李四","phone":"13900001111"},"title":"a\\udc00b","content":"x","areaCode":"320102"}`);
    expect(fields(low.body)).toEqual(['title']);
    const bytes = Buffer.concat([Buffer.from('{"requester":{"name":"李四","phone":"13900001111"},"title":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","content":"x","areaCode":"320102"}')]);
    const invalidUtf8 = await submit(bytes);
    expect(invalidUtf8.status).toBe(400);
    expect(invalidUtf8.body.errors).toEqual([{ field: '(body)', message: 'must be UTF-8' }]);
    // A real pair (an emoji) is text.
    expect((await submit(JSON.stringify({ ...SUBMISSION, content: '路灯不亮 😡' }))).status).toBe(201);
  });

  it('answers a URL fastify cannot route, or a query that is not percent-encoded UTF-8, with a problem', async () => {
    const agent = await intake.token('city-a', ['agent']);
    const bearer = { authorization: `Bearer ${agent}` };
    const badPath = await raw(`${intake.service.httpUrl}/v1/requests/%ZZ`, 'GET', bearer);
    expect(badPath).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ field: 'path' }] } });
    expect(badPath.headers['content-type']).toContain('application/problem+json');
    const long = await raw(`${intake.service.httpUrl}/v1/requests/${'a'.repeat(5000)}`, 'GET', bearer);
    expect(long).toMatchObject({ status: 414, body: { code: 'uri_too_long' } });
    const badQuery = await raw(`${intake.service.httpUrl}/v1/requests?status=%61%C0%AF%62`, 'GET', bearer);
    expect(badQuery.status).toBe(400);
    expect(fields(badQuery.body)).toEqual(['query.status']);
    const spaced = await raw(`${intake.service.httpUrl}/v1/requests?limit=%201`, 'GET', bearer);
    expect(fields(spaced.body)).toEqual(['query.limit']);
    // Headers over 16 KiB are refused by Node's parser, before any route: still a problem.
    const huge = await raw(`${intake.service.httpUrl}/v1/requests?q=${'q'.repeat(12_000)}`, 'GET', { authorization: `Bearer ${'x'.repeat(10_000)}` });
    expect(huge).toMatchObject({ status: 431, body: { code: 'headers_too_large' } });
    expect(huge.headers['content-type']).toContain('application/problem+json');
  });

  it('answers an empty, null or malformed JSON body with a 400 on (body), and a body nested too deep likewise', async () => {
    const admin = await intake.token('city-a', ['tenant-admin']);
    const post = (body: string) => raw(`${intake.service.httpUrl}/v1/channels`, 'POST', { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body);
    for (const body of ['', 'null', '{"code":', '{"__proto__":{"x":1},"code":"a"}']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fields(res.body)).toContain('(body)');
    }
    const deep = await post(`${'['.repeat(40)}${']'.repeat(40)}`);
    expect(deep.status).toBe(400);
  });

  it('authenticates before reading the body: an unauthenticated 3.9 MiB catalog is refused unread', async () => {
    const dispatch = await start({}, dispatchService);
    const big = `{"entries":[${'x'.repeat(3.9 * 1024 * 1024)}`; // not even JSON: it is never parsed
    const anonymous = await raw(`${dispatch.service.httpUrl}/v1/catalog`, 'PUT', { 'content-type': 'application/json' }, big);
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    const agent = await dispatch.token('city-a', ['agent']);
    const wrongRole = await raw(`${dispatch.service.httpUrl}/v1/catalog`, 'PUT', { authorization: `Bearer ${agent}`, 'content-type': 'application/json' }, big);
    expect(wrongRole.status).toBe(403);
    const admin = await dispatch.token('city-a', ['tenant-admin']);
    const parsed = await raw(`${dispatch.service.httpUrl}/v1/catalog`, 'PUT', { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, big);
    expect(parsed.status).toBe(400);
  });

  it('refuses tokens without exp or living too long', async () => {
    const key = new TextEncoder().encode(TEST_AUTH_SECRET);
    const claims = { tenant: 'city-a', roles: ['agent'] };
    await intake.token('city-a', ['agent']);
    for (const token of [
      await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key),
      await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('100y').sign(key),
    ]) {
      const res = await raw(`${intake.service.httpUrl}/v1/channels`, 'GET', { authorization: `Bearer ${token}` });
      expect(res).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    }
  });

  it('keys the limit on the TCP peer, not on an X-Forwarded-For the client chose', async () => {
    const limited = await start({ RATE_LIMIT_PER_MINUTE: '5' });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await raw(`${limited.service.httpUrl}/v1/public/city-a/requests/x?code=1`, 'GET', { 'x-forwarded-for': `10.0.0.${i}` })).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });

  it('counts failed authentications per address, so guessing tokens meets the limit', async () => {
    const limited = await start({ RATE_LIMIT_PER_MINUTE: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await raw(`${limited.service.httpUrl}/v1/channels`, 'GET', { authorization: `Bearer guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('believes X-Forwarded-For from a configured trusted proxy: each forwarded client has its own count', async () => {
    const behindProxy = await start({ RATE_LIMIT_PER_MINUTE: '3', TRUSTED_PROXIES: '127.0.0.1/32,::1' });
    const call = (client: string) => raw(`${behindProxy.service.httpUrl}/v1/public/city-a/requests/x?code=1`, 'GET', { 'x-forwarded-for': client });
    const distinct: number[] = [];
    for (let i = 0; i < 6; i++) distinct.push((await call(`203.0.113.${i}`)).status);
    expect(distinct).not.toContain(429);
    const same: number[] = [];
    for (let i = 0; i < 4; i++) same.push((await call('198.51.100.7')).status);
    expect(same[3]).toBe(429);
  });

  it('counts across replicas: two instances on one database share the limits', async () => {
    const first = await start({ RATE_LIMIT_PER_MINUTE: '4' });
    const second = await startServiceUnderTest(intakeService, { env: { RATE_LIMIT_PER_MINUTE: '4', DATABASE_URL: first.db.url }, namespace: first.namespace });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const replica = i % 2 === 0 ? first : second;
        statuses.push((await raw(`${replica.service.httpUrl}/v1/public/city-a/requests/x?code=1`, 'GET', {})).status);
      }
      expect(statuses.slice(4)).toEqual([429, 429]);
    } finally {
      await second.close();
    }
  });

  it("limits each tenant's authenticated calls, whatever the address", async () => {
    const limited = await start({ TENANT_RATE_LIMIT_PER_MINUTE: '3' });
    const a = await limited.token('city-a', ['agent']);
    const b = await limited.token('city-b', ['agent']);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await raw(`${limited.service.httpUrl}/v1/channels`, 'GET', { authorization: `Bearer ${a}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await raw(`${limited.service.httpUrl}/v1/channels`, 'GET', { authorization: `Bearer ${b}` })).status).toBe(200);
  });

  it('sends security headers, no-store on API answers, and a CSP under which /docs still works', async () => {
    const agent = await intake.token('city-a', ['agent']);
    const api = await raw(`${intake.service.httpUrl}/v1/channels`, 'GET', { authorization: `Bearer ${agent}` });
    expect(api.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'SAMEORIGIN',
    });
    expect(api.headers['strict-transport-security']).toContain('max-age=');
    const refused = await raw(`${intake.service.httpUrl}/v1/channels`, 'GET', {});
    expect(refused.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const docs = await raw(`${intake.service.httpUrl}/docs`, 'GET', {});
    const csp = String(docs.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Every script of the page is a file the policy allows.
    expect(String(docs.body)).not.toMatch(/<script>(?!<\/script>)/);
    for (const src of String(docs.body).match(/src="([^"]+)"/g) ?? [])
      expect((await raw(`${intake.service.httpUrl}${src.slice(5, -1)}`, 'GET', {})).status).toBe(200);
  });

  it('allows cross-origin calls from the configured origins only', async () => {
    const preflight = (url: string, origin: string) =>
      raw(`${url}/v1/channels`, 'OPTIONS', { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' });
    const none = await preflight(intake.service.httpUrl, 'https://console.example.gov.cn');
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
    const withConsole = await start({ CORS_ORIGINS: 'https://console.example.gov.cn' });
    const allowed = await preflight(withConsole.service.httpUrl, 'https://console.example.gov.cn');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.gov.cn');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    const other = await preflight(withConsole.service.httpUrl, 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

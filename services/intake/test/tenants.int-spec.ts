import { Events } from '@hotline/contracts';
import { runOperatorCommand } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest, unknownTenantToken } from '@hotline/service-testing';
import { serviceEnv, SHARED_NATS_URL } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { configureTenant, outboxEvents, publicFetch } from './intake-fixtures';

const CITY = { code: 'city-3205', name: '苏州 12345 热线', kind: 'city', regionCode: '320500' };

describe("intake's tenant registry (real PostgreSQL and NATS)", () => {
  let sut: ServiceUnderTest;
  const operator = () => sut.as('province-32', ['province-operator']);
  const env = () => serviceEnv({ databaseUrl: sut.db.url, natsUrl: SHARED_NATS_URL, namespace: sut.namespace });
  const cityAdmin = () => unknownTenantToken(CITY.code, ['tenant-admin']);

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
  });

  afterAll(() => sut?.close());

  it('refuses a token of a tenant the province has not registered', async () => {
    const res = await sut.request('GET', '/v1/channels', await cityAdmin());
    expect(res).toMatchObject({ status: 401, body: { code: 'unauthenticated', detail: `tenant "${CITY.code}" is unknown or suspended` } });
  });

  it('registers a city through the API and announces it with TenantChanged; its tokens then work', async () => {
    const res = await operator()('POST', '/v1/tenants', CITY);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...CITY, timeZone: 'Asia/Shanghai', status: 'active', changedBy: expect.any(String) });
    const events = await outboxEvents(sut, Events.intake.tenantChanged, CITY.code);
    expect(events).toEqual([expect.objectContaining({ tenant: expect.objectContaining({ code: CITY.code, kind: 'city', status: 'active' }) })]);
    expect((await sut.request('GET', '/v1/channels', await cityAdmin())).status).toBe(200);
    const again = await operator()('POST', '/v1/tenants', CITY);
    expect(again).toMatchObject({ status: 409, body: { code: 'conflict' } });
  });

  it('answers bad registrations with a 400 naming each field, and registers nothing', async () => {
    const res = await operator()('POST', '/v1/tenants', { code: 'City 9!', name: '', kind: 'county', regionCode: 'abc', timeZone: 'Mars/Base', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['code', 'name', 'kind', 'regionCode', 'timeZone']));
    const list = await operator()('GET', '/v1/tenants');
    expect(list.body.items.map((t: { code: string }) => t.code)).toEqual(['province-32', CITY.code]);
  });

  it("lets only a province tenant's operators manage the registry", async () => {
    // A city's token, even with the province-operator role, is not the province's.
    const fromCity = await sut.request('POST', '/v1/tenants', await unknownTenantToken(CITY.code, ['province-operator']), { ...CITY, code: 'city-3206' });
    expect(fromCity.status).toBe(403);
    expect((await sut.as('province-32', ['tenant-admin'])('GET', '/v1/tenants')).status).toBe(403);
    expect((await sut.request('GET', '/v1/tenants')).status).toBe(401);
  });

  it('suspends a tenant: its tokens are refused and its public paths answer 404 writing nothing; resuming restores both', async () => {
    await configureTenant(sut, CITY.code);
    const submission = { requester: { name: '李四', phone: '13900001111' }, title: '路灯', content: '中山路路灯不亮', areaCode: '320505' };
    expect((await publicFetch(sut, 'POST', `/v1/public/${CITY.code}/requests`, {}, submission)).status).toBe(201);

    const suspended = await operator()('PATCH', `/v1/tenants/${CITY.code}`, { status: 'suspended' });
    expect(suspended.body).toMatchObject({ code: CITY.code, status: 'suspended' });
    expect((await sut.request('GET', '/v1/requests', await unknownTenantToken(CITY.code, ['agent']))).status).toBe(401);
    const publicly = await publicFetch(sut, 'POST', `/v1/public/${CITY.code}/requests`, {}, submission);
    expect(publicly).toMatchObject({ status: 404, body: { detail: `hotline ${CITY.code} not found` } });
    const requests = await sut.service.context.db.run(CITY.code, (m) => m.query(`select count(*)::int as n from requests`));
    expect(requests).toEqual([{ n: 1 }]);

    expect((await operator()('PATCH', `/v1/tenants/${CITY.code}`, { status: 'active' })).body.status).toBe('active');
    expect((await sut.request('GET', '/v1/requests', await unknownTenantToken(CITY.code, ['agent']))).status).toBe(200);
    const changes = await outboxEvents(sut, Events.intake.tenantChanged, CITY.code);
    expect(changes.map((e) => e.tenant?.status)).toEqual(['active', 'suspended', 'active']);
  });

  it('keeps the province from suspending itself through the API, and 404s an unknown tenant', async () => {
    const self = await operator()('PATCH', '/v1/tenants/province-32', { status: 'suspended' });
    expect(self).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect((await operator()('PATCH', '/v1/tenants/city-9999', { name: 'x' })).status).toBe(404);
    expect((await operator()('PATCH', `/v1/tenants/${CITY.code}`, {})).status).toBe(400);
  });

  it('registers, lists, suspends and resumes from the command line (main.js tenants …)', async () => {
    const register = ['register', '--code', 'city-3206', '--name', '南通 12345 热线', '--region', '320600', '--by', 'cli:test'];
    expect(await runOperatorCommand(intakeService, 'tenants', register, env())).toEqual({ exitCode: 0, output: 'registered city-3206 (city, active)\n' });
    expect((await runOperatorCommand(intakeService, 'tenants', register, env())).exitCode).toBe(2);
    const bad = await runOperatorCommand(intakeService, 'tenants', ['register', '--code', 'city-3207', '--name', 'x', '--region', 'nope'], env());
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toContain('regionCode');
    expect(await runOperatorCommand(intakeService, 'tenants', ['suspend', '--code', 'city-3206'], env())).toEqual({ exitCode: 0, output: 'city-3206 is suspended\n' });
    const list = await runOperatorCommand(intakeService, 'tenants', ['list'], env());
    expect(list.output.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3))).toEqual([
      ['province-32', 'province', 'active'],
      ['city-3205', 'city', 'active'],
      ['city-3206', 'city', 'suspended'],
    ]);
    expect((await runOperatorCommand(intakeService, 'tenants', ['resume', '--code', 'city-3206'], env())).output).toBe('city-3206 is active\n');
    expect((await runOperatorCommand(intakeService, 'tenants', ['rename'], env())).exitCode).toBe(64);
  });
});

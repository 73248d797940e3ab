import { signLocalToken } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { TEST_AUTH_SECRET } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact } from './intake-fixtures';

const CONTENT = '请回电13900001111，身份证110101199003074514';

describe('the access log of clear reads (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const requests: Record<'first' | 'second' | 'other', { id: string; number: string }> = {} as never;
  const as = async (tenantId: string, roles: Role[], subject: string) => {
    await sut.token(tenantId, roles); // registers the tenant in the directory
    const token = await signLocalToken(TEST_AUTH_SECRET, { tenantId, roles, subject });
    return (method: string, path: string) => sut.request(method, path, token);
  };
  const log = async (query = '', tenantId = 'city-a') => (await as(tenantId, ['supervisor'], `${tenantId}:auditor`))('GET', `/v1/pii-access-log${query}`);

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    for (const tenant of ['city-a', 'city-b']) await configureTenant(sut, tenant);
    const agentA = await as('city-a', ['agent'], 'city-a:agent-7');
    const supervisorA = await as('city-a', ['supervisor'], 'city-a:supervisor-2');
    for (const key of ['first', 'second'] as const) {
      const res = await sut.as('city-a', ['agent'])('POST', '/v1/requests', contact({ content: CONTENT }));
      requests[key] = { id: res.body.id, number: res.body.number };
    }
    const other = await sut.as('city-b', ['agent'])('POST', '/v1/requests', contact({ content: CONTENT }));
    requests.other = { id: other.body.id, number: other.body.number };

    expect((await agentA('GET', `/v1/requests/${requests.first.id}/requester?purpose=contact-requester`)).status).toBe(200);
    expect((await supervisorA('GET', `/v1/requests/${requests.first.id}/text?purpose=supervision&note=${encodeURIComponent('督办抽查')}`)).status).toBe(200);
    expect((await agentA('GET', `/v1/requests/${requests.second.id}/text?purpose=handle-request`)).status).toBe(200);
    const agentB = await as('city-b', ['agent'], 'city-b:agent-1');
    expect((await agentB('GET', `/v1/requests/${requests.other.id}/requester?purpose=verify-identity`)).status).toBe(200);
  });
  afterAll(() => sut?.close());

  it('shows supervisors every clear read of their tenant, newest first: who, roles, what, why and when', async () => {
    const res = await log();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        accessedAt: expect.any(String),
        subject: 'city-a:agent-7',
        roles: ['agent'],
        requestId: requests.second.id,
        number: requests.second.number,
        fields: ['title', 'content'],
        purpose: 'handle-request',
        note: null,
        unit: null,
        onBehalfOf: null,
      },
      expect.objectContaining({ subject: 'city-a:supervisor-2', fields: ['title', 'content'], purpose: 'supervision', note: '督办抽查' }),
      expect.objectContaining({
        subject: 'city-a:agent-7',
        requestId: requests.first.id,
        fields: ['requester.name', 'requester.phone', 'requester.idNumber', 'requester.address'],
        purpose: 'contact-requester',
      }),
    ]);
  });

  it('filters by request id or number, reader, purpose and time, and pages', async () => {
    const subjects = async (query: string) => (await log(query)).body.items.map((i: { subject: string }) => i.subject);
    expect(await subjects(`?requestId=${requests.first.id}`)).toEqual(['city-a:supervisor-2', 'city-a:agent-7']);
    expect(await subjects(`?number=${requests.second.number}`)).toEqual(['city-a:agent-7']);
    expect(await subjects('?subject=city-a:supervisor-2')).toEqual(['city-a:supervisor-2']);
    expect(await subjects('?purpose=contact-requester')).toEqual(['city-a:agent-7']);
    expect(await subjects('?purpose=unstated')).toEqual([]);
    const [newest] = (await log()).body.items;
    expect(await subjects(`?from=${encodeURIComponent(newest.accessedAt)}`)).toEqual(['city-a:agent-7']);
    expect((await log(`?to=${encodeURIComponent(newest.accessedAt)}`)).body.total).toBe(2);
    expect((await log('?to=2000-01-01T00:00:00Z')).body).toMatchObject({ items: [], total: 0 });
    const page = await log('?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ subject: 'city-a:supervisor-2' }] });
  });

  it('answers bad filters with a 400 naming each field', async () => {
    const res = await log('?requestId=r1&purpose=curiosity&from=yesterday&limit=500&sort=at');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['query.requestId', 'query.purpose', 'query.from', 'query.limit']));
  });

  it('is for supervisors and tenant admins only', async () => {
    expect((await (await as('city-a', ['tenant-admin'], 'city-a:admin'))('GET', '/v1/pii-access-log')).body.total).toBe(3);
    for (const role of ['agent', 'dispatcher', 'reviewer', 'unit-operator'] as const)
      expect((await (await as('city-a', [role], `city-a:${role}`))('GET', '/v1/pii-access-log')).status).toBe(403);
    expect((await sut.request('GET', '/v1/pii-access-log')).status).toBe(401);
  });

  it('only grows: a logged read can be neither changed nor removed', async () => {
    const db = sut.service.context.db;
    await expect(db.run('city-a', (m) => m.query(`update pii_access_log set purpose = 'supervision'`))).rejects.toThrow(/append-only/);
    await expect(db.run('city-a', (m) => m.query(`delete from pii_access_log`))).rejects.toThrow(/append-only/);
    expect((await log()).body.total).toBe(3);
  });

  it("keeps tenants apart: each sees its own reads only, even when naming another tenant's request", async () => {
    const b = await log('', 'city-b');
    expect(b.body).toMatchObject({ total: 1, items: [{ subject: 'city-b:agent-1', requestId: requests.other.id, purpose: 'verify-identity' }] });
    expect((await log(`?requestId=${requests.first.id}`, 'city-b')).body).toMatchObject({ items: [], total: 0 });
    expect((await log(`?requestId=${requests.other.id}`)).body).toMatchObject({ items: [], total: 0 });
  });
});

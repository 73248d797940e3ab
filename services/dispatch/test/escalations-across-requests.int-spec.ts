import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { queryAsTenant } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, requestBrief } from './dispatch-test-helpers';

// Issue 16: the console's list of escalations (提级统筹) across the tenant's requests.
describe('GET /v1/escalations: the tenant’s escalations across requests (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const CITY = 'city-ea';
  const OTHER = 'city-eb';
  const unit: Record<string, string> = {};
  const as = (roles: Role[], tenant = CITY) => sut.as(tenant, roles);
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

  /** A request the catalog gives to HOUSING, escalated by the dispatcher to the city office. */
  async function escalated(number: string, tenant = CITY) {
    const brief = requestBrief({ categoryCode: '010101', areaCode: '320102', number });
    await publishEvent(sut, Events.intake.requestAccepted, tenant, { request: brief });
    await eventFor(sut, Events.dispatch.requestDispatched, tenant, brief.requestId);
    const res = await as(['dispatcher'], tenant)('POST', `/v1/dispatches/${brief.requestId}/escalation`, { reason: `需市级统筹 ${number}` });
    expect(res.status).toBe(201);
    return res.body.escalation;
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    for (const tenant of [CITY, OTHER]) {
      const admin = as(['tenant-admin'], tenant);
      const office = (await admin('POST', '/v1/units', { code: 'CITY-OFFICE', name: '市政务服务中心', level: 'city', areaCodes: ['3201'] })).body.id;
      const housing = (await admin('POST', '/v1/units', { code: 'HOUSING', name: '住建局', areaCodes: ['3201'], parentId: office })).body.id;
      Object.assign(unit, { [`${tenant}:office`]: office, [`${tenant}:housing`]: housing });
      await admin('PUT', '/v1/catalog', { entries: [{ categoryCode: '01', areaCode: '*', primaryUnitId: housing }] });
    }
  });

  afterAll(() => sut?.close());

  it('lists them newest first with the request’s brief fields and both units, paged, one tenant only', async () => {
    const first = await escalated('3201-20250124-000201');
    const second = await escalated('3201-20250124-000202');
    await escalated('3201-20250124-000299', OTHER);

    const all = await as(['supervisor'])('GET', '/v1/escalations');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(all.body.items.map((e: { id: string }) => e.id)).toEqual([second.id, first.id]);
    expect(all.body.items[1]).toEqual({
      ...first,
      fromUnit: { unitId: unit[`${CITY}:housing`], unitCode: 'HOUSING', unitName: '住建局' },
      toUnit: { unitId: unit[`${CITY}:office`], unitCode: 'CITY-OFFICE', unitName: '市政务服务中心' },
      request: { number: '3201-20250124-000201', categoryCode: '010101', areaCode: '320102', urgency: 'normal' },
    });

    const page = await as(['tenant-admin'])('GET', '/v1/escalations?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.items.map((e: { id: string }) => e.id)).toEqual([first.id]);
    const [{ n }] = await queryAsTenant<{ n: number }>(sut.db.url, OTHER, `select count(*)::int as n from dispatch_escalations`);
    expect((await as(['dispatcher'], OTHER)('GET', '/v1/escalations')).body.total).toBe(n);
    // The per-request list is where it was.
    expect((await as(['dispatcher'])('GET', `/v1/dispatches/${first.requestId}/escalations`)).body.items).toEqual([first]);
  });

  it('refuses a bad query naming the field, and callers outside the hotline', async () => {
    for (const [query, field] of [['?limit=abc', 'query.limit'], ['?offset=1.5', 'query.offset'], ['?status=open', 'query']]) {
      const res = await as(['dispatcher'])('GET', `/v1/escalations${query}`);
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual([field]);
    }
    for (const roles of [['unit-operator'], ['agent'], ['reviewer']] as Role[][]) expect((await as(roles)('GET', '/v1/escalations')).status).toBe(403);
  });
});
